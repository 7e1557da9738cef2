package dev.policysearch.server.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the benchmark starts other JVMs: the java binary running the benchmark, the options the
 * launcher passes to every command, then the user's {@code --child-jvm-opts}. Both indexers and the
 * start-up server get the same JVM, so their figures compare.
 *
 * @param java the java binary
 * @param options JVM options, in order
 */
record ChildJvm(String java, List<String> options) {

  /** Options the launcher script gives every command (quiet native access, one logging route). */
  static final List<String> LAUNCHER_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED", "-Dorg.jboss.logging.provider=slf4j");

  ChildJvm {
    options = List.copyOf(options);
  }

  /** The running JVM's own binary, with the launcher's options and {@code extra}. */
  static ChildJvm current(List<String> extra) {
    String java =
        ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> options = new ArrayList<>(LAUNCHER_OPTIONS);
    options.addAll(extra);
    return new ChildJvm(java, options);
  }

  /** {@code java OPTIONS -jar JAR ARGS...} */
  List<String> jar(Path jar, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(options);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(args);
    return command;
  }

  /**
   * {@code java OPTIONS -cp CLASSPATH MAIN ARGS...} with this JVM's own class path, so a class of
   * the benchmark runs the same whether it was started from the jar or from the build folders.
   */
  List<String> main(Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(options);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    return command;
  }
}
