package dev.policysearch.opensearch.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Installs a plugin zip into a node's {@code plugins/} as {@code opensearch-plugin install} does:
 * the zip's files, which sit at its root next to {@code plugin-descriptor.properties}, go to
 * {@code plugins/<custom.foldername or name>/}. OpenSearch's installer itself (the plugin-cli
 * tool) is not published to Maven Central, so this does its unpacking; the node then checks the
 * plugin as at every start (descriptor, OpenSearch and Java versions, jar hell) and refuses to
 * start if it is wrong.
 */
final class PluginZip {
  private PluginZip() {}

  private static final String DESCRIPTOR = "plugin-descriptor.properties";

  static void install(Path zip, Path pluginsDir) throws IOException {
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Path target = pluginsDir.resolve(folderName(zip, file));
      Files.createDirectories(target);
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path destination = target.resolve(entry.getName()).normalize();
        if (!destination.startsWith(target) || entry.getName().startsWith("opensearch/")) {
          throw new IOException(zip + " is not a plugin zip OpenSearch 3 installs: entry " + entry.getName()
              + " must sit at the zip's root, beside " + DESCRIPTOR);
        }
        if (entry.getName().startsWith("bin/") || entry.getName().startsWith("config/")) {
          throw new IOException(zip + " has " + entry.getName() + ": this launcher installs no bin/ or "
              + "config/ files; install such a plugin with OpenSearch's own opensearch-plugin tool");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(destination);
        } else {
          Files.createDirectories(destination.getParent());
          try (InputStream in = file.getInputStream(entry)) {
            Files.copy(in, destination);
          }
        }
      }
    }
  }

  private static String folderName(Path zip, ZipFile file) throws IOException {
    ZipEntry entry = file.getEntry(DESCRIPTOR);
    if (entry == null) {
      throw new IOException(zip + " has no " + DESCRIPTOR + " at its root: it is not an OpenSearch plugin zip");
    }
    Properties descriptor = new Properties();
    try (InputStream in = file.getInputStream(entry)) {
      descriptor.load(in);
    }
    String name = descriptor.getProperty("custom.foldername", descriptor.getProperty("name", ""));
    if (name.isBlank()) {
      throw new IOException(zip + ": its " + DESCRIPTOR + " names no plugin (name=)");
    }
    return name;
  }
}
