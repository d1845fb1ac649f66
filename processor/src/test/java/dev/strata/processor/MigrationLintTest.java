package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.MigrationDriftTest.sql;
import static dev.strata.processor.MigrationDriftTest.warnings;
import static dev.strata.processor.Sources.compile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * {@code [DestructiveMigration]} and {@code [UnsafeMigration]}: each case warns on the migration's
 * 'up', naming the statement, and each has its way to be silenced. Migrations only, so that no
 * drift check joins in.
 */
class MigrationLintTest {
  private static final JavaFileObject NOTES =
      sql(
          "V1CreateNotes",
          1,
          "CREATE TABLE note (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT)");

  private static JavaFileObject v2(String attributes, String up) {
    return sql("V2Change", 2, attributes, up);
  }

  /** The one warning with {@code tag}, on V2's 'up' line, containing {@code message}. */
  private static void assertWarnsOnUp(
      Compilation c, String tag, JavaFileObject migration, String message) {
    assertThat(c).succeeded();
    assertThat(c).hadWarningContaining(message).inFile(migration).onLineContaining("up = ");
    assertEquals(1, warnings(c, tag).size(), () -> c.diagnostics().toString());
  }

  @Nested
  class Destructive {
    @Test
    void dropTable() {
      JavaFileObject v2 = v2("", "DROP TABLE note");

      assertWarnsOnUp(
          compile(NOTES, v2),
          "[DestructiveMigration]",
          v2,
          "[DestructiveMigration] \"DROP TABLE note\" (statement 1 of 'up') drops table 'note'"
              + " without reading its rows first, so every row goes, with its columns id, title,"
              + " body. Hint: if losing it is the point, declare @Migration(destructive = true)");
    }

    @Test
    void dropColumn() {
      JavaFileObject v2 = v2("", "ALTER TABLE note DROP COLUMN body");

      assertWarnsOnUp(
          compile(NOTES, v2),
          "[DestructiveMigration]",
          v2,
          "\"ALTER TABLE note DROP COLUMN body\" (statement 1 of 'up') drops column 'body' of"
              + " table 'note', and its value in every row");
    }

    @Test
    void lossyRebuild() {
      JavaFileObject v2 =
          v2(
              "foreignKeys = false,",
              "CREATE TABLE note_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL COLLATE NOCASE);"
                  + " INSERT INTO note_new (id, title) SELECT id, title FROM note;"
                  + " DROP TABLE note; ALTER TABLE note_new RENAME TO note");

      assertWarnsOnUp(
          compile(NOTES, v2),
          "[DestructiveMigration]",
          v2,
          "\"DROP TABLE note\" (statement 3 of 'up') rebuilds table 'note' after a copy that"
              + " never reads its column body, so its values go");
    }

    @Test
    void rebuildsThatKeepEveryColumnAreQuiet() {
      String renamed =
          "CREATE TABLE note_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL, text TEXT);"
              + " INSERT INTO note_new (id, title, text) SELECT id, title, body FROM note;"
              + " DROP TABLE note; ALTER TABLE note_new RENAME TO note";
      String star =
          "CREATE TABLE note_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);"
              + " INSERT INTO note_new SELECT * FROM note;"
              + " DROP TABLE note; ALTER TABLE note_new RENAME TO note";
      String moved =
          "ALTER TABLE note ADD COLUMN text TEXT; UPDATE note SET text = body;"
              + " ALTER TABLE note DROP COLUMN body";

      for (String up : new String[] {renamed, star, moved}) {
        assertThat(compile(NOTES, v2("", up))).succeededWithoutWarnings();
      }
    }

    @Test
    void aVirtualTableIsNotLinted() {
      JavaFileObject v1 = sql("V1CreateSearch", 1, "CREATE VIRTUAL TABLE search USING fts5(title)");
      JavaFileObject v2 =
          v2("", "DROP TABLE search; CREATE VIRTUAL TABLE search USING fts5(title, body)");

      assertThat(compile(v1, v2)).succeededWithoutWarnings();
    }

    @Test
    void destructiveTrueSilencesEveryCase() {
      for (String up :
          new String[] {
            "DROP TABLE note",
            "ALTER TABLE note DROP COLUMN body",
            "CREATE TABLE note_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"
                + " INSERT INTO note_new SELECT id, title FROM note; DROP TABLE note;"
                + " ALTER TABLE note_new RENAME TO note"
          }) {
        assertThat(compile(NOTES, v2("destructive = true,", up))).succeededWithoutWarnings();
      }
    }

    @Test
    void downIsNotLintedNorAreTablesOfTheSameStep() {
      JavaFileObject withDown =
          sql(
              "V1CreateNotes",
              1,
              "down = \"DROP TABLE note\",",
              "CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT);"
                  + " CREATE TABLE scratch (x); DROP TABLE scratch");

      assertThat(compile(withDown)).succeededWithoutWarnings();
    }
  }

  @Nested
  class Unsafe {
    @Test
    void notNullWithoutDefault() {
      JavaFileObject v2 = v2("", "ALTER TABLE note ADD COLUMN author TEXT NOT NULL");

      assertWarnsOnUp(
          compile(NOTES, v2),
          "[UnsafeMigration]",
          v2,
          "[UnsafeMigration] NOT_NULL_WITHOUT_DEFAULT: \"ALTER TABLE note ADD COLUMN author TEXT"
              + " NOT NULL\" (statement 1 of 'up') adds NOT NULL column 'author' without a default"
              + " to table 'note', which SQLite refuses as soon as the table holds a row, as it may"
              + " in production. Hint: give the column a DEFAULT, or add it nullable, fill it, and"
              + " rebuild the table with NOT NULL; or, where it cannot happen, accept it with"
              + " @Migration(allowUnsafe = UnsafeRule.NOT_NULL_WITHOUT_DEFAULT)");
    }

    @Test
    void notNullWithoutDefaultIsAnErrorOnSeededRows() {
      JavaFileObject seed = sql("V2Seed", 2, "INSERT INTO note (title) VALUES ('welcome')");
      JavaFileObject v3 = sql("V3Author", 3, "ALTER TABLE note ADD COLUMN author TEXT NOT NULL");

      assertOnlyErrorAt(
          compile(NOTES, seed, v3),
          "[UnsafeMigration] NOT_NULL_WITHOUT_DEFAULT: \"ALTER TABLE note ADD COLUMN author TEXT"
              + " NOT NULL\" (statement 1 of 'up') adds NOT NULL column 'author' without a default"
              + " to table 'note', which already holds rows (inserted by version 2, app.V2Seed),"
              + " so SQLite refuses it: Cannot add a NOT NULL column with default value NULL",
          v3,
          "up = ");
    }

    @Test
    void notNullWithADefaultOrOnANewTableIsSafe() {
      assertThat(compile(NOTES, v2("", "ALTER TABLE note ADD COLUMN n INTEGER NOT NULL DEFAULT 0")))
          .succeededWithoutWarnings();
      assertThat(
              compile(
                  NOTES,
                  v2(
                      "",
                      "CREATE TABLE tag (id INTEGER PRIMARY KEY);"
                          + " ALTER TABLE tag ADD COLUMN label TEXT NOT NULL")))
          .succeededWithoutWarnings();
      assertThat(
              compile(
                  NOTES,
                  v2(
                      "allowUnsafe = UnsafeRule.NOT_NULL_WITHOUT_DEFAULT,",
                      "ALTER TABLE note ADD COLUMN author TEXT NOT NULL")))
          .succeededWithoutWarnings();
    }

    private static final JavaFileObject WITH_VIEW =
        sql(
            "V1CreateNotes",
            1,
            "CREATE TABLE note (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"
                + " CREATE VIEW titles AS SELECT title FROM note");

    private static final String WRONG_ORDER =
        "ALTER TABLE note RENAME TO note_old;"
            + " CREATE TABLE note (id INTEGER PRIMARY KEY, title TEXT NOT NULL COLLATE NOCASE);"
            + " INSERT INTO note SELECT * FROM note_old; DROP TABLE note_old";

    @Test
    void renameThenCreate() {
      JavaFileObject v2 = v2("", WRONG_ORDER);

      assertWarnsOnUp(
          compile(WITH_VIEW, v2),
          "[UnsafeMigration]",
          v2,
          "RENAME_THEN_CREATE: \"ALTER TABLE note RENAME TO note_old\" (statement 1 of 'up')"
              + " renames table 'note' before this step creates a new 'note', but with"
              + " legacy_alter_table = OFF the rename rewrote view 'titles' to name 'note_old', so"
              + " they no longer refer to the new table. Hint: rebuild in SQLite's order");
    }

    private static final JavaFileObject WITH_CHILD =
        sql(
            "V1CreateNotes",
            1,
            "CREATE TABLE note (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"
                + " CREATE TABLE tag (id INTEGER PRIMARY KEY,"
                + " note_id INTEGER REFERENCES note (id));"
                + " CREATE INDEX tag_note ON tag (note_id)");

    @Test
    void renameThenCreateNamesTheRewrittenForeignKeys() {
      JavaFileObject v2 =
          v2(
              "",
              "ALTER TABLE note RENAME TO note_backup;"
                  + " CREATE TABLE note (id INTEGER PRIMARY KEY, title TEXT NOT NULL);"
                  + " INSERT INTO note SELECT * FROM note_backup");

      assertWarnsOnUp(
          compile(WITH_CHILD, v2),
          "[UnsafeMigration]",
          v2,
          "the rename rewrote the foreign keys of table 'tag' to name 'note_backup'");
    }

    @Test
    void renameThenCreateIsSuppressibleAndTheRightOrderIsQuiet() {
      String rightOrder =
          "CREATE TABLE note_new (id INTEGER PRIMARY KEY, title TEXT NOT NULL COLLATE NOCASE);"
              + " INSERT INTO note_new SELECT * FROM note; DROP TABLE note;"
              + " ALTER TABLE note_new RENAME TO note";

      assertThat(compile(WITH_CHILD, v2("foreignKeys = false,", rightOrder)))
          .succeededWithoutWarnings();
      assertThat(
              compile(WITH_VIEW, v2("allowUnsafe = UnsafeRule.RENAME_THEN_CREATE,", WRONG_ORDER)))
          .succeededWithoutWarnings();
    }

    private static final JavaFileObject PARENT_AND_CHILD =
        sql(
            "V1CreateTables",
            1,
            "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                + " CREATE TABLE child (id INTEGER PRIMARY KEY,"
                + " parent_id INTEGER REFERENCES parent (id), kind TEXT);"
                + " CREATE INDEX child_parent ON child (parent_id)");

    @Test
    void dropForeignKeyIndex() {
      JavaFileObject v2 = v2("", "DROP INDEX child_parent");

      assertWarnsOnUp(
          compile(PARENT_AND_CHILD, v2),
          "[UnsafeMigration]",
          v2,
          "DROP_FOREIGN_KEY_INDEX: \"DROP INDEX child_parent\" (statement 1 of 'up') drops the"
              + " only index that leads with the columns of foreign key child(parent_id)"
              + " REFERENCES parent(id), so every delete or key update in 'parent' scans 'child'."
              + " Hint: keep the index, or create one on (parent_id)");
    }

    @Test
    void dropForeignKeyIndexReplacedOrSuppressedIsQuiet() {
      assertThat(
              compile(
                  PARENT_AND_CHILD,
                  v2(
                      "",
                      "DROP INDEX child_parent;"
                          + " CREATE INDEX child_parent_kind ON child (parent_id, kind)")))
          .succeededWithoutWarnings();
      assertThat(
              compile(
                  PARENT_AND_CHILD,
                  v2(
                      "allowUnsafe = UnsafeRule.DROP_FOREIGN_KEY_INDEX,",
                      "DROP INDEX child_parent")))
          .succeededWithoutWarnings();
      assertThat(
              compile(
                  PARENT_AND_CHILD,
                  v2("", "CREATE INDEX child_kind ON child (kind); DROP INDEX child_kind")))
          .succeededWithoutWarnings();
    }
  }
}
