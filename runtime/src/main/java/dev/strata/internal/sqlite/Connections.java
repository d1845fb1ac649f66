package dev.strata.internal.sqlite;

import dev.strata.StrataException;
import dev.strata.sql.SqliteSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens connections for the engine, from a URL or the user's {@link DataSource}, and gives every
 * one the production PRAGMAs: {@link SqliteSettings}, the ones that decide what statements do and
 * that the processor's compile-time replay uses too, then WAL and {@code synchronous = NORMAL}.
 * Connections are left in auto-commit mode: the engine issues {@code BEGIN IMMEDIATE} itself,
 * because sqlite-jdbc's own transactions begin eagerly and would hold the write lock between steps.
 */
public final class Connections {
  private static final System.Logger LOG = System.getLogger("dev.strata");

  private final String url;
  private final DataSource dataSource;
  private final Duration busyTimeout;
  private final Duration setupTimeout;

  public Connections(
      String url, DataSource dataSource, Duration busyTimeout, Duration setupTimeout) {
    this.url = url;
    this.dataSource = dataSource;
    this.busyTimeout = busyTimeout;
    this.setupTimeout = setupTimeout;
  }

  /** Where the database is, for messages. */
  public String describe() {
    return url != null ? url : "DataSource " + dataSource;
  }

  /**
   * A connection with the production PRAGMAs. Only {@code create} may make a new database file: a
   * read such as info or validate on a mistyped path must say so rather than leave an empty file. A
   * DataSource opens files its own way.
   */
  public Connection open(boolean create) throws SQLException {
    Connection connection = dataSource != null ? dataSource.getConnection() : openUrl(create);
    try {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      applyPragmas(connection);
      return connection;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private Connection openUrl(boolean create) throws SQLException {
    if (create) {
      return DriverManager.getConnection(url);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    try {
      return DriverManager.getConnection(url, config.toProperties());
    } catch (SQLiteException e) {
      if (e.getResultCode() == SQLiteErrorCode.SQLITE_CANTOPEN) {
        throw new StrataException(
            "No database at "
                + url
                + ": it is opened without creating it, so check the"
                + " path, or run migrate() first",
            e);
      }
      throw e;
    }
  }

  private void applyPragmas(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // busy_timeout first, so that the others already wait politely.
      statement.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
      // Even a PRAGMA must read the schema, and the first switch of a file to WAL takes an
      // exclusive lock; both can fail with SQLITE_BUSY at once. All of these are idempotent.
      String mode =
          Busy.retry(
              connection,
              "the connection's PRAGMA settings (journal_mode = WAL needs the database to itself"
                  + " the first time)",
              setupTimeout,
              () -> {
                SqliteSettings.apply(statement);
                statement.execute("PRAGMA synchronous = NORMAL");
                try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                  return rs.next() ? rs.getString(1) : "";
                }
              });
      if (!mode.toLowerCase(Locale.ROOT).equals("wal")) {
        // In-memory databases report "memory": WAL does not apply to them.
        LOG.log(
            System.Logger.Level.DEBUG, "journal_mode is {0}, not wal, for {1}", mode, describe());
      }
    }
  }
}
