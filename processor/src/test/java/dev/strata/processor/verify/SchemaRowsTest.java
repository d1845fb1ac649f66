package dev.strata.processor.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.processor.base.ScratchDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What SchemaRows holds after each refresh, against what a fresh read of the catalogue holds. */
class SchemaRowsTest {
  private final SchemaRows rows = new SchemaRows();

  private void run(Connection db, String... statements) throws SQLException {
    try (Statement statement = db.createStatement()) {
      for (String sql : statements) {
        rows.ran(sql);
        statement.execute(sql);
      }
    }
    rows.refresh(db);
  }

  /** The same objects as a SchemaRows that reads everything now. */
  private void assertSameAsFreshRead(Connection db, Set<String> names) throws SQLException {
    SchemaRows fresh = new SchemaRows();
    fresh.refresh(db);
    assertEquals(fresh.objects(names), rows.objects(names));
    for (String table : names) {
      Map<String, String> expected = new HashMap<>();
      Map<String, String> actual = new HashMap<>();
      fresh.shape(table, expected, new HashMap<>());
      rows.shape(table, actual, new HashMap<>());
      assertEquals(expected, actual, table);
    }
  }

  @Test
  void aDroppedNewestObjectsRowidTakenByANewOneIsSeen() throws SQLException {
    try (Connection db = ScratchDatabase.open()) {
      run(db, "CREATE TABLE a (id INTEGER PRIMARY KEY)", "CREATE TABLE b (id INTEGER PRIMARY KEY)");
      // b had the highest rowid; SQLite gives it to c.
      run(db, "DROP TABLE b");
      run(db, "CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT UNIQUE)");

      assertTrue(rows.hasTable(Set.of("c")));
      assertFalse(rows.hasTable(Set.of("b")));
      assertSameAsFreshRead(db, Set.of("a", "b", "c", "sqlite_autoindex_c_1"));
    }
  }

  @Test
  void aDroppedTableTakesItsIndexesAndTriggersAlong() throws SQLException {
    try (Connection db = ScratchDatabase.open()) {
      run(
          db,
          "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT)",
          "CREATE INDEX item_name ON item (name)",
          "CREATE TABLE log (line TEXT)",
          "CREATE TRIGGER item_log AFTER INSERT ON item BEGIN INSERT INTO log VALUES ('x'); END");
      run(db, "DROP TABLE item");

      assertEquals("", rows.objects(Set.of("item", "item_name", "item_log")));
      assertSameAsFreshRead(db, Set.of("item", "log"));
    }
  }

  @Test
  void anAlterSeenByNameAndARenameReadsEverything() throws SQLException {
    try (Connection db = ScratchDatabase.open()) {
      run(
          db,
          "CREATE TABLE parent (id INTEGER PRIMARY KEY)",
          "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent)");
      run(db, "ALTER TABLE child ADD COLUMN note TEXT");
      assertSameAsFreshRead(db, Set.of("child"));

      // The rename rewrites child's foreign key, a table the statement does not name.
      run(db, "ALTER TABLE parent RENAME TO owner");
      assertTrue(rows.objects(Set.of("child")).contains("REFERENCES \"owner\""));
      assertSameAsFreshRead(db, Set.of("child", "owner", "parent"));
    }
  }

  @Test
  void aRollbackItDidNotSeeIsReadAfterReadAllAgain() throws SQLException {
    try (Connection db = ScratchDatabase.open()) {
      run(db, "CREATE TABLE a (id INTEGER PRIMARY KEY)", "SAVEPOINT s");
      run(db, "CREATE TABLE b (id INTEGER PRIMARY KEY)");
      assertTrue(rows.hasTable(Set.of("b")));

      try (Statement statement = db.createStatement()) {
        statement.execute("ROLLBACK TO s");
      }
      rows.readAllAgain();
      rows.refresh(db);

      assertFalse(rows.hasTable(Set.of("b")));
      assertSameAsFreshRead(db, Set.of("a", "b"));
    }
  }

  @Test
  void onlyTablesThatMayDeclareAForeignKeyCount() throws SQLException {
    try (Connection db = ScratchDatabase.open()) {
      run(db, "CREATE TABLE parent (id INTEGER PRIMARY KEY)");
      assertFalse(rows.anyForeignKeyBeside("parent"));

      run(db, "CREATE TABLE child (parent_id INTEGER references parent)");
      assertTrue(rows.anyForeignKeyBeside("parent"));
      assertFalse(rows.anyForeignKeyBeside("child"));

      run(db, "DROP TABLE child");
      assertFalse(rows.anyForeignKeyBeside("parent"));
    }
  }
}
