package dev.strata.processor.verify;

import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;

/**
 * The one way the replays open their in-memory SQLite: foreign keys enforced as the runtime does,
 * and ATTACH disabled outright, so that no replayed statement can ever create a file.
 */
final class ScratchDatabase {
  private ScratchDatabase() {}

  static SQLiteConnection open() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    SQLiteConnection db = (SQLiteConnection) config.createConnection("jdbc:sqlite::memory:");
    try {
      db.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
      return db;
    } catch (SQLException e) {
      db.close();
      throw e;
    }
  }
}
