package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the stored form of the history, which databases in the field already have. */
class HistoryFormatTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");

  @Test
  void historyColumnsKeepTheirNamesOrderTypesAndConstraints() throws SQLException {
    Path db = dir.resolve("app.db");
    Strata.configure().url(Db.url(db)).registry(registry(V1)).load().migrate();

    List<String> columns = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(Db.url(db));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA table_info(strata_history)")) {
      while (rs.next()) {
        columns.add(
            rs.getInt("cid")
                + " "
                + rs.getString("name")
                + " "
                + rs.getString("type")
                + (rs.getInt("notnull") == 1 ? " NOT NULL" : "")
                + (rs.getInt("pk") == 1 ? " PK" : ""));
      }
    }
    assertEquals(
        List.of(
            "0 installed_rank INTEGER PK",
            "1 version INTEGER NOT NULL",
            "2 description TEXT NOT NULL",
            "3 type TEXT NOT NULL",
            "4 checksum TEXT NOT NULL",
            "5 installed_on TEXT NOT NULL",
            "6 installed_by TEXT NOT NULL",
            "7 execution_ms INTEGER NOT NULL",
            "8 success INTEGER NOT NULL",
            // Format 2 (issue 9 items 2, 14, 15): appended, nullable or defaulted, so that a
            // format-1 build still reads and writes an upgraded table.
            "9 state TEXT",
            "10 failure TEXT",
            "11 history_format INTEGER NOT NULL"),
        columns);
    String ddl =
        Db.column(db, "SELECT sql FROM sqlite_master WHERE name = 'strata_history'").get(0);
    assertTrue(ddl.contains("version        INTEGER NOT NULL UNIQUE CHECK (version > 0)"), ddl);
    assertTrue(ddl.contains("success        INTEGER NOT NULL CHECK (success IN (0, 1))"), ddl);
    assertTrue(ddl.contains("history_format INTEGER NOT NULL DEFAULT 2"), ddl);
  }

  @Test
  void checksumIsStoredVerbatimWithItsAlgorithmPrefix() {
    Path db = dir.resolve("app.db");
    Strata.configure().url(Db.url(db)).registry(registry(V1)).load().migrate();

    String stored = Db.column(db, "SELECT checksum FROM strata_history WHERE version = 1").get(0);
    assertEquals(V1.checksum(), stored);
    assertTrue(stored.matches("sha256:[0-9a-f]{64}"), stored);
    assertEquals("SQL", Db.column(db, "SELECT type FROM strata_history WHERE version = 1").get(0));
  }
}
