package dev.strata.internal.backup;

import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteOpenMode;

/**
 * A database file of a backup or a restore: the copy Strata works on alone (opened plainly, with no
 * PRAGMA of the engine's), and SQLite's online backup from one database into another.
 */
final class SqliteFile {
  private static final int MAX_LINES = 10;
  private static final int BUSY_SLEEP_MS = 20;

  private SqliteFile() {}

  /** The main database file {@code connection} is open on; empty for an in-memory one. */
  static Optional<Path> mainFile(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
      while (rs.next()) {
        if ("main".equals(rs.getString(2))) {
          String file = rs.getString(3);
          return file == null || file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
        }
      }
    }
    return Optional.empty();
  }

  /** Opens a copy Strata has to itself; {@code create}: it may not exist yet. */
  static Connection open(Path copy, boolean create) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    if (!create) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    return DriverManager.getConnection("jdbc:sqlite:" + copy, config.toProperties());
  }

  /**
   * Copies the database file {@code source} into the new, empty {@code copy} with SQLite's online
   * backup, in one step: one read transaction on the source, so the copy is one consistent snapshot
   * however the source is written meanwhile (in WAL mode, writers are not blocked). The copy is
   * written without a journal or syncs (it is a scratch file until the zip is synced), which makes
   * this several times faster than letting SQLite open the target itself.
   */
  static void snapshot(Path source, Connection copy, Duration lockTimeout) throws SQLException {
    try (Statement statement = copy.createStatement()) {
      statement.execute("PRAGMA journal_mode = OFF");
      statement.execute("PRAGMA synchronous = OFF");
    }
    long deadline = System.nanoTime() + lockTimeout.toNanos();
    while (true) {
      long[] progress = {-1, -1};
      int rc =
          copy.unwrap(SQLiteConnection.class)
              .getDatabase()
              .restore(
                  "main",
                  source.toString(),
                  (remaining, total) -> {
                    progress[0] = remaining;
                    progress[1] = total;
                  },
                  BUSY_SLEEP_MS,
                  tries(lockTimeout),
                  -1);
      if (rc != 0) {
        throw new SQLException(
            "SQLite's online backup of " + source + " failed: " + resultCode(rc), null, rc);
      }
      // The result code is the source's. A copy that did not start (the source was momentarily
      // unreadable, as while another connection resets its WAL) reports no progress: try again.
      long pages;
      try (Statement statement = copy.createStatement()) {
        pages = Long.parseLong(lines(statement, "PRAGMA page_count").get(0));
      }
      if (progress[0] == 0 && pages == progress[1]) {
        return;
      }
      if (progress[1] < 0 && pages == 0) {
        refuseIfUnreadable(source);
      }
      if (progress[1] >= 0 || pages > 0 || System.nanoTime() > deadline) {
        throw new SQLException(
            "SQLite's online backup of "
                + source
                + " did not finish: the copy has "
                + pages
                + " of "
                + Math.max(progress[1], 0)
                + " pages");
      }
      try {
        Thread.sleep(BUSY_SLEEP_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLException("interrupted while copying " + source, e);
      }
    }
  }

  /**
   * A copy that does not start is retried while the source is busy; a source that cannot be read at
   * all (a WAL file in a read-only directory, where SQLite cannot create its {@code -shm}) fails at
   * once with SQLite's own reason instead of after the whole lock timeout.
   */
  private static void refuseIfUnreadable(Path source) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setOpenMode(SQLiteOpenMode.READONLY);
    try (Connection probe =
            DriverManager.getConnection("jdbc:sqlite:" + source, config.toProperties());
        Statement statement = probe.createStatement()) {
      statement.executeQuery("SELECT count(*) FROM sqlite_master").close();
    } catch (SQLException e) {
      int primary = e.getErrorCode() & 0xff;
      if (primary != 5 && primary != 6) { // SQLITE_BUSY, SQLITE_LOCKED: worth waiting for
        Path directory = source.toAbsolutePath().getParent();
        String reason =
            directory != null && !Files.isWritable(directory)
                ? "its directory "
                    + directory
                    + " is read-only, and even a reader of a WAL"
                    + " database needs to create its -shm file there"
                : e.getMessage();
        throw new SQLException("cannot read " + source + ": " + reason, e);
      }
    }
  }

  /**
   * Copies the whole main database of {@code source} into the file {@code target} with SQLite's
   * online backup, in one step and one write transaction on the target, which its other
   * connections, in any process, see whole or not at all. A busy target is retried for up to {@code
   * lockTimeout}.
   */
  static void copyInto(Connection source, Path target, Duration lockTimeout) throws SQLException {
    int rc =
        source
            .unwrap(SQLiteConnection.class)
            .getDatabase()
            .backup("main", target.toString(), null, BUSY_SLEEP_MS, tries(lockTimeout), -1);
    if (rc != 0) {
      throw new SQLException(
          "SQLite's online backup into " + target + " failed: " + resultCode(rc), null, rc);
    }
  }

  /** What a result code of the online backup means, in words, with the code for searches. */
  private static String resultCode(int rc) {
    String meaning =
        switch (rc & 0xff) {
          case 5, 6 ->
              "the database stayed locked by another connection for the whole lock timeout";
          case 8 -> "the file is read-only; make it writable (and its directory) and try again";
          case 13 -> "the disk is full";
          case 14 -> "the file cannot be opened; check that it and its directory exist";
          case 26 -> "the file is not a SQLite database";
          default -> "SQLite error";
        };
    return meaning + " (SQLite result code " + rc + ")";
  }

  /** Deletes a copy with whatever side files SQLite gave it. */
  static void delete(Path copy) throws IOException {
    for (String suffix : List.of("", "-journal", "-wal", "-shm")) {
      Files.deleteIfExists(Path.of(copy + suffix));
    }
  }

  private static int tries(Duration lockTimeout) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, lockTimeout.toMillis() / BUSY_SLEEP_MS));
  }

  /** What the checks of a copy found. */
  record Inspection(
      List<String> integrity,
      List<String> foreignKeys,
      List<HistoryRow> history,
      String sqliteVersion,
      long pageSize) {
    boolean sound() {
      return integrity.equals(List.of("ok")) && foreignKeys.isEmpty();
    }
  }

  /**
   * Makes the copy a self-contained rollback-journal file: a copy of a WAL database says WAL in its
   * header. The last write to the copy; a no-op on a copy that is one already.
   */
  static void selfContained(Connection copy) throws SQLException {
    try (Statement statement = copy.createStatement()) {
      statement.execute("PRAGMA journal_mode = DELETE");
    }
  }

  /**
   * Makes the copy {@linkplain #selfContained self-contained}, then runs {@code PRAGMA
   * integrity_check}, with {@code checkForeignKeys} also {@code PRAGMA foreign_key_check}, and
   * reads its history.
   */
  static Inspection inspect(Connection copy, boolean checkForeignKeys) throws SQLException {
    selfContained(copy);
    List<String> integrity = integrity(copy);
    try (Statement statement = copy.createStatement()) {
      List<String> foreignKeys = new ArrayList<>();
      if (checkForeignKeys) {
        try (ResultSet rs = statement.executeQuery("PRAGMA foreign_key_check")) {
          while (rs.next() && foreignKeys.size() < MAX_LINES) {
            foreignKeys.add(
                "a row of "
                    + rs.getString(1)
                    + " (rowid "
                    + rs.getString(2)
                    + ") references a missing row of "
                    + rs.getString(3));
          }
        }
      }
      List<HistoryRow> history =
          integrity.equals(List.of("ok")) ? new HistoryTable(copy).rows() : List.of();
      return new Inspection(
          integrity,
          foreignKeys,
          history,
          sqliteVersion(copy),
          Long.parseLong(lines(statement, "PRAGMA page_size").get(0)));
    }
  }

  /** {@code PRAGMA integrity_check}'s first lines: just "ok" for a sound database. */
  static List<String> integrity(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return lines(statement, "PRAGMA integrity_check(" + MAX_LINES + ")");
    }
  }

  /** The version of the SQLite library {@code connection} runs on. */
  static String sqliteVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return lines(statement, "SELECT sqlite_version()").get(0);
    }
  }

  /** Rewrites the copy with {@code pageSize}, which SQLite cannot change in a WAL database. */
  static void setPageSize(Connection copy, long pageSize) throws SQLException {
    try (Statement statement = copy.createStatement()) {
      statement.execute("PRAGMA page_size = " + pageSize);
      statement.execute("VACUUM");
    }
  }

  static List<String> lines(Statement statement, String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery(sql)) {
      while (rs.next()) {
        lines.add(rs.getString(1).replace('\n', ' ').strip());
      }
    }
    return lines;
  }
}
