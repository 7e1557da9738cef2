package dev.policysearch.indexer.site;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The site profiles a crawl can use: those shipped in the jar (listed in {@code sites/sites.txt})
 * and, when given, the {@code *.json} files of an extra folder, which add sites or replace shipped
 * ones of the same name.
 */
public final class SiteProfiles {

  private static final String BUNDLED = "/dev/policysearch/indexer/sites/";

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
          .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .build();

  private final Map<String, SiteProfile> byName;

  private SiteProfiles(Map<String, SiteProfile> byName) {
    this.byName = byName;
  }

  /** The shipped profiles, then those of {@code extraFolder} (may be null). */
  public static SiteProfiles load(Path extraFolder) throws IOException {
    Map<String, SiteProfile> profiles = new TreeMap<>();
    for (String name : bundledNames()) {
      String resource = BUNDLED + name + ".json";
      try (InputStream in = SiteProfiles.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("shipped profile " + resource + " is missing from the jar");
        }
        profiles.put(name, parse(in.readAllBytes(), resource));
      }
    }
    if (extraFolder != null) {
      if (!Files.isDirectory(extraFolder)) {
        throw new IOException("profile folder " + extraFolder + " does not exist");
      }
      try (Stream<Path> files = Files.list(extraFolder)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
          SiteProfile profile = parse(Files.readAllBytes(file), file.toString());
          profiles.put(profile.name(), profile);
        }
      }
    }
    return new SiteProfiles(profiles);
  }

  /** Reads one profile; a mistake in it is reported with the file and what is wrong. */
  public static SiteProfile parse(byte[] json, String origin) throws IOException {
    try {
      SiteProfile profile = MAPPER.readValue(json, SiteProfile.class);
      checkSelectors(profile);
      return profile;
    } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException("site profile " + origin + ": " + cause.getMessage(), e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new IOException("site profile " + origin + ": " + e.getOriginalMessage() + " at " + location(e), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IOException("site profile " + origin + ": " + e.getMessage(), e);
    }
  }

  /** Every CSS selector of the profile, parsed now so a typo is reported when the profile loads. */
  private static void checkSelectors(SiteProfile profile) {
    java.util.List<String> selectors = new java.util.ArrayList<>();
    for (SiteProfile.ListSource list : profile.lists()) {
      selectors.add(list.items());
      selectors.add(list.link());
      if (list.date() != null && list.date().selector() != null) {
        selectors.add(list.date().selector());
      }
      if (list.next() != null && list.next().selector() != null) {
        selectors.add(list.next().selector());
      }
    }
    SiteProfile.ArticleRules a = profile.article();
    for (var rules : java.util.List.of(a.title(), a.date(), a.issuer(), a.docNumber(), a.attachments(), a.pairLink())) {
      rules.stream().map(FieldRule::selector).filter(java.util.Objects::nonNull).forEach(selectors::add);
    }
    selectors.addAll(a.body().selectors());
    selectors.addAll(a.body().remove());
    for (String css : selectors) {
      try {
        org.jsoup.select.QueryParser.parse(css);
      } catch (org.jsoup.select.Selector.SelectorParseException e) {
        throw new IllegalArgumentException(profile.name() + ": bad CSS selector '" + css + "': " + e.getMessage());
      }
    }
  }

  private static String location(com.fasterxml.jackson.core.JacksonException e) {
    return e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  private static java.util.List<String> bundledNames() {
    try (InputStream in = SiteProfiles.class.getResourceAsStream(BUNDLED + "sites.txt")) {
      if (in == null) {
        return java.util.List.of();
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<SiteProfile> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The profile called {@code name}, or an error listing the known ones. */
  public SiteProfile require(String name) {
    return find(name)
        .orElseThrow(() -> new IllegalArgumentException("no site profile named '" + name + "'; known: " + String.join(", ", names())));
  }

  public java.util.Set<String> names() {
    return byName.keySet();
  }
}
