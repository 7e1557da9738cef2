package dev.policysearch.server.http;

import java.nio.file.Path;

/** The effective configuration of a server, logged once at start. */
public record ServerSettings(Path index, String host, int port, int maxQueryChars, int reloadSeconds) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_QUERY_CHARS = 1000;
  public static final int DEFAULT_RELOAD_SECONDS = 2;
}
