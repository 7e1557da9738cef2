package dev.policysearch.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which JDK {@code ./policy-search} runs: the one in JAVA_HOME when it is new enough (its version
 * read from the JDK's release file, or asked of its java when there is none), else the newest
 * under /usr/lib/jvm. A stand-in JDK whose java prints what it was asked shows which one ran.
 */
class LauncherJdkIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  /** A JDK folder whose java prints its arguments, and answers a version question with {@code major}. */
  private Path standIn(String name, String releaseLine, int major) throws IOException {
    Path home = tmp.resolve(name);
    Path bin = Files.createDirectories(home.resolve("bin"));
    String java =
        "#!/bin/sh\n"
            + "if [ \"$1\" = \"-XshowSettings:properties\" ]; then echo '    java.specification.version = " + major + "' >&2; exit 0; fi\n"
            + "echo \"stand-in java $*\"\n";
    for (String tool : new String[] {"java", "javac"}) {
      Path file = bin.resolve(tool);
      Files.writeString(file, java);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    if (releaseLine != null) {
      Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Someone\"\n" + releaseLine + "\nOS_NAME=\"Linux\"\n");
    }
    return home;
  }

  private static String launch(Path javaHome) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("policy-search").toString(), "serve", "--help").redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", javaHome.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher ends");
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void aJavaHomeWhoseReleaseFileSaysTwentyOneOrNewerIsUsed() throws Exception {
    String output = launch(standIn("jdk21", "JAVA_VERSION=\"21.0.9\"", 17));
    assertTrue(output.contains("stand-in java ") && output.contains(" serve --help"), output);
  }

  @Test
  void aJavaHomeWithoutAReleaseFileIsAskedItsVersion() throws Exception {
    String output = launch(standIn("jdk22", null, 22));
    assertTrue(output.contains("stand-in java "), output);
  }

  @Test
  void anOlderJavaHomeIsPassedOverForTheNewestInstalledJdk() throws Exception {
    for (Path old : new Path[] {standIn("jdk17", "JAVA_VERSION=\"17.0.2\"", 25), standIn("jdk8", "JAVA_VERSION=\"1.8.0_292\"", 25)}) {
      String output = launch(old);
      assertFalse(output.contains("stand-in java"), output);
      assertTrue(output.contains("Usage: policy-search serve"), output);
    }
  }
}
