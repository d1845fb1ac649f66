package dev.strata;

import static dev.strata.TestMigrations.destructive;
import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's own guard against a table rebuild written as an ordinary migration: the processor
 * cannot see a child table that a Java migration created, so the rows decide at run time.
 */
class CascadingDropGuardTest {
  private static final MigrationDescriptor V1 =
      sql(1, "create team", "CREATE TABLE team (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

  /** Created by Java, so invisible at compile time; it cascades from team. */
  private static final MigrationDescriptor V2 =
      java(
          2,
          "create members",
          ctx ->
              ctx.execute(
                  "CREATE TABLE member (id INTEGER PRIMARY KEY,"
                      + " team_id INTEGER REFERENCES team (id) ON DELETE CASCADE);"
                      + " INSERT INTO team (id, name) VALUES (1, 'core');"
                      + " INSERT INTO member (team_id) VALUES (1), (1)"));

  private static final String REBUILD =
      "CREATE TABLE team_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
          + " INSERT INTO team_new SELECT id, name FROM team;"
          + " DROP TABLE team;"
          + " ALTER TABLE team_new RENAME TO team";

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(MigrationDescriptor rebuild) {
    return Strata.configure().url(Db.url(db())).registry(registry(V1, V2, rebuild)).load();
  }

  @Test
  void aDropThatWouldCascadeIntoRowsIsRefusedAndRolledBack() {
    MigrationException e =
        assertThrows(MigrationException.class, strata(sql(3, "rebuild team", REBUILD))::migrate);

    assertEquals(3, e.version());
    assertTrue(
        e.getMessage().contains("deletes every row of 'member' that references it"),
        e.getMessage());
    assertTrue(e.getMessage().contains("foreignKeys = false"), e.getMessage());
    assertEquals(2, Db.count(db(), "member"));
    assertEquals(
        List.of("1", "2"), Db.column(db(), "SELECT version FROM strata_history ORDER BY version"));
  }

  @Test
  void theSameRebuildWithForeignKeysOffKeepsEveryRow() {
    strata(sql(3, "rebuild team", false, REBUILD)).migrate();

    assertEquals(2, Db.count(db(), "member"));
  }

  @Test
  void aDestructiveMigrationMayDropOnPurpose() {
    strata(destructive(3, "drop teams", "DROP TABLE team")).migrate();

    assertEquals(0, Db.count(db(), "member"));
  }

  @Test
  void aDropWhoseChildrenHoldNoReferencingRowRuns() {
    MigrationDescriptor emptyChildren =
        sql(3, "empty members", "DELETE FROM member; " + REBUILD.replace("team_new", "t2"));

    strata(emptyChildren).migrate();

    assertEquals(0, Db.count(db(), "member"));
    assertEquals(1, Db.count(db(), "team"));
  }
}
