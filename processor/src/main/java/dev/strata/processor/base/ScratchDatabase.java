package dev.strata.processor.base;

import dev.strata.sql.SqliteSettings;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * The one way the processor opens an in-memory SQLite (the replays, the default-value probe): with
 * the runtime's own {@link SqliteSettings} (foreign keys enforced, modern ALTER TABLE, ...), so
 * that a statement fails here exactly where it fails in the engine, and with ATTACH disabled
 * outright, so that no replayed statement can ever create a file.
 */
public final class ScratchDatabase {
  private ScratchDatabase() {}

  public static SQLiteConnection open() throws SQLException {
    // The driver is instantiated directly: inside javac, DriverManager may not see it.
    SQLiteConnection db =
        (SQLiteConnection) new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties());
    try (Statement statement = db.createStatement()) {
      db.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
      SqliteSettings.apply(statement);
      return db;
    } catch (SQLException e) {
      db.close();
      throw e;
    }
  }
}
