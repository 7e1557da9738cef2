package dev.policysearch.server;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * JVM options this server's own JVM passes on to the JVMs it starts (a re-index job, the
 * benchmark's indexers and servers), so that a child runs as the launcher would have run it.
 */
public final class JvmOptions {
  private JvmOptions() {}

  static final String HUGE_PAGES_ON = "-XX:+UseTransparentHugePages";
  static final String HUGE_PAGES_OFF = "-XX:-UseTransparentHugePages";

  /**
   * The launcher asks for transparent huge pages where the kernel offers them (the script
   * {@code policy-search}); a child gets the same setting as this JVM.
   */
  public static Optional<String> hugePages() {
    return hugePages(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /** The huge-pages option among {@code arguments}: the last one given wins, as in the JVM. */
  static Optional<String> hugePages(List<String> arguments) {
    for (int i = arguments.size() - 1; i >= 0; i--) {
      String argument = arguments.get(i);
      if (argument.equals(HUGE_PAGES_ON) || argument.equals(HUGE_PAGES_OFF)) {
        return Optional.of(argument);
      }
    }
    return Optional.empty();
  }
}
