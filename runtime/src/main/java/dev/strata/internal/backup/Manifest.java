package dev.strata.internal.backup;

import dev.strata.internal.history.HistoryRow;
import dev.strata.schema.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest.json}: what a backup holds, written beside the database copy and checked against
 * it on restore.
 *
 * @param formatVersion {@link #FORMAT}, raised when the layout of the zip or of this file changes
 * @param schemaVersion the highest successfully applied version in the copy, 0 when none
 * @param headChecksum the recorded checksum of that version; empty when none is applied
 * @param lineage the successfully applied migrations of the copy, in version order
 * @param sqliteVersion the SQLite library that wrote the copy
 * @param createdAt when the copy was taken
 * @param sizeBytes the size of the database entry
 * @param sha256 the database entry's sha256, in lowercase hex
 */
record Manifest(
    long formatVersion,
    long schemaVersion,
    Optional<String> headChecksum,
    List<Applied> lineage,
    String sqliteVersion,
    Instant createdAt,
    long sizeBytes,
    String sha256) {
  /** The format this build writes and the newest it reads. */
  static final long FORMAT = 1;

  /** One successfully applied migration of a lineage. */
  record Applied(long version, String checksum) {}

  Manifest {
    lineage = List.copyOf(lineage);
  }

  /** The lineage of a history: its successful rows in version order. */
  static List<Applied> lineage(List<HistoryRow> rows) {
    return rows.stream()
        .filter(HistoryRow::success)
        .sorted(Comparator.comparingLong(HistoryRow::version))
        .map(row -> new Applied(row.version(), row.checksum()))
        .toList();
  }

  /** A manifest for a copy whose history has {@code lineage}. */
  static Manifest of(
      List<Applied> lineage, String sqliteVersion, Instant createdAt, long size, String sha256) {
    Optional<Applied> head =
        lineage.isEmpty() ? Optional.empty() : Optional.of(lineage.get(lineage.size() - 1));
    return new Manifest(
        FORMAT,
        head.map(Applied::version).orElse(0L),
        head.map(Applied::checksum),
        lineage,
        sqliteVersion,
        createdAt,
        size,
        sha256);
  }

  String toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", formatVersion);
    root.put("schemaVersion", schemaVersion);
    root.put("headChecksum", headChecksum.orElse(null));
    List<Object> applied = new ArrayList<>();
    for (Applied a : lineage) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("version", a.version());
      entry.put("checksum", a.checksum());
      applied.add(entry);
    }
    root.put("lineage", applied);
    root.put("sqliteVersion", sqliteVersion);
    root.put("createdAt", createdAt.toString());
    root.put("sizeBytes", sizeBytes);
    root.put("sha256", sha256);
    return Json.write(root);
  }

  /**
   * Reads a manifest and checks that it is whole and self-consistent.
   *
   * @throws IllegalArgumentException saying what is wrong, for a message "manifest.json ..."
   */
  static Manifest parse(String json) {
    if (!(Json.parse(json) instanceof Map<?, ?> root)) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    long format = number(root, "formatVersion");
    if (format > FORMAT || format < 1) {
      throw new IllegalArgumentException(
          "has formatVersion "
              + format
              + ", and this Strata reads format "
              + FORMAT
              + ": restore it with the Strata version that wrote it, or a newer one");
    }
    List<Applied> lineage = new ArrayList<>();
    if (!(root.get("lineage") instanceof List<?> list)) {
      throw new IllegalArgumentException("has no \"lineage\" list");
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> entry)) {
        throw new IllegalArgumentException("has a \"lineage\" entry that is not an object");
      }
      lineage.add(new Applied(number(entry, "version"), text(entry, "checksum")));
    }
    for (int i = 1; i < lineage.size(); i++) {
      if (lineage.get(i).version() <= lineage.get(i - 1).version()) {
        throw new IllegalArgumentException("has a \"lineage\" out of version order");
      }
    }
    Object head = root.get("headChecksum");
    if (head != null && !(head instanceof String)) {
      throw new IllegalArgumentException("has a \"headChecksum\" that is not a string");
    }
    Instant createdAt;
    try {
      createdAt = Instant.parse(text(root, "createdAt"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("has a \"createdAt\" that is not an ISO-8601 instant");
    }
    String sha256 = text(root, "sha256");
    if (sha256.length() != 64 || !sha256.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException("has a \"sha256\" that is not 64 hex digits");
    }
    long size = number(root, "sizeBytes");
    if (size < 0) {
      throw new IllegalArgumentException("has a negative \"sizeBytes\"");
    }
    Manifest manifest =
        new Manifest(
            format,
            number(root, "schemaVersion"),
            Optional.ofNullable((String) head),
            lineage,
            text(root, "sqliteVersion"),
            createdAt,
            size,
            sha256.toLowerCase(java.util.Locale.ROOT));
    Manifest expected = of(lineage, manifest.sqliteVersion(), createdAt, size, manifest.sha256());
    if (manifest.schemaVersion() != expected.schemaVersion()
        || !manifest.headChecksum().equals(expected.headChecksum())) {
      throw new IllegalArgumentException(
          "says schema version "
              + manifest.schemaVersion()
              + ", but its lineage ends at "
              + expected.schemaVersion());
    }
    return manifest;
  }

  private static long number(Map<?, ?> map, String key) {
    if (!(map.get(key) instanceof Long value)) {
      throw new IllegalArgumentException("has no whole-number \"" + key + "\"");
    }
    return value;
  }

  private static String text(Map<?, ?> map, String key) {
    if (!(map.get(key) instanceof String value)) {
      throw new IllegalArgumentException("has no string \"" + key + "\"");
    }
    return value;
  }
}
