package dev.strata.bench;

import dev.strata.sql.SqliteSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PRAGMAs of Strata's write connections ({@code dev.strata.internal.sqlite.Connections}): a
 * busy timeout, {@link SqliteSettings}, {@code synchronous = NORMAL} and WAL. The raw JDBC floor
 * takes exactly these, or none at all for SQLite's defaults.
 */
public final class Pragmas {
  /** Strata's default busy timeout. */
  static final long BUSY_TIMEOUT_MS = 5_000;

  private Pragmas() {}

  /** Applies Strata's write PRAGMAs, in Strata's order. */
  public static void strata(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MS);
      SqliteSettings.apply(s);
      s.execute("PRAGMA synchronous = NORMAL");
      s.execute("PRAGMA journal_mode = WAL");
    }
  }
}
