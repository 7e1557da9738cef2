package dev.policysearch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JvmOptionsTest {

  @Test
  void childGetsTheHugePagesSettingOfThisJvm() {
    assertEquals(
        Optional.of("-XX:+UseTransparentHugePages"),
        JvmOptions.hugePages(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseTransparentHugePages", "-Xmx1g")));
  }

  @Test
  void theLastSettingWinsAsInTheJvm() {
    // The launcher puts its choice first; JAVA_OPTS come after it and may turn it off.
    assertEquals(
        Optional.of("-XX:-UseTransparentHugePages"),
        JvmOptions.hugePages(List.of("-XX:+UseTransparentHugePages", "-XX:-UseTransparentHugePages")));
  }

  @Test
  void noSettingGivesNothing() {
    assertEquals(Optional.empty(), JvmOptions.hugePages(List.of("-Xmx1g", "-XX:+UseG1GC")));
  }
}
