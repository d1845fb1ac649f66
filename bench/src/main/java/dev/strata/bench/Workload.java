package dev.strata.bench;

import java.util.List;

/**
 * The migrations every contender applies: migration {@code i} creates table {@code t_i}, an index
 * on it and one row. Strata's generated sources, Flyway's SQL files and the raw JDBC floor all take
 * their statements from here, so every contender runs the very same SQL.
 */
public final class Workload {
  private Workload() {}

  /** The table migration {@code version} creates. */
  public static String table(int version) {
    return "t_" + version;
  }

  /** The statements of migration {@code version}, in order. */
  public static List<String> up(int version) {
    String t = table(version);
    return List.of(
        "CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER)",
        "CREATE INDEX ix_" + t + "_name ON " + t + " (name)",
        "INSERT INTO " + t + " (name, qty) VALUES ('row-" + version + "', " + version + ")");
  }

  /** What undoes migration {@code version}. */
  public static String down(int version) {
    return "DROP TABLE " + table(version);
  }

  /** The description every contender records for migration {@code version}. */
  public static String description(int version) {
    return "Create " + table(version);
  }

  /** The statements of {@code version} as one script, each ended by a semicolon. */
  public static String script(int version) {
    return String.join(";\n", up(version)) + ";\n";
  }
}
