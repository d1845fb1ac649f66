package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a step ends when SQLite ends its transaction by itself, when stepTimeout stops it while the
 * migration holds a statement open, and when a refused migrate meets a foreign history: never a row
 * committed without its history row, never an interrupt left for the engine's own statements, never
 * a changed file.
 */
class StepEndTest {
  private static final String ENDLESS_INSERT =
      "INSERT INTO part (name) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
          + " SELECT 'heavy' FROM c WHERE x = -1";
  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("app.db");
  }

  private List<String> history() {
    return Db.column(db(), "SELECT version || ':' || success FROM strata_history ORDER BY version");
  }

  @Test
  void aMigrationThatGoesOnAfterSqliteRolledBackItsTransactionCommitsNothing() {
    MigrationDescriptor v2 =
        java(
            2,
            "best effort",
            ctx -> {
              ctx.execute("INSERT INTO part (id, name) VALUES (1, 'first')");
              try {
                ctx.execute("INSERT OR ROLLBACK INTO part (id, name) VALUES (1, 'duplicate')");
              } catch (SQLException expected) {
                // the "best effort" pattern: carry on
              }
              ctx.execute("INSERT INTO part (id, name) VALUES (2, 'after')");
            });
    Strata strata = Strata.configure().url(Db.url(db())).registry(registry(V1, v2)).load();

    MigrationException e = assertThrows(MigrationException.class, strata::migrate);

    assertEquals(2, e.version());
    assertTrue(e.getMessage().contains("SQLite ended the step's transaction"), e.getMessage());
    assertEquals(List.of(), Db.column(db(), "SELECT name FROM part"));
    assertEquals(List.of("1:1"), history());
  }

  @Test
  void aStepStoppedByStepTimeoutThatGoesOnCommitsNothing() {
    MigrationDescriptor v2 =
        java(
            2,
            "best effort",
            ctx -> {
              ctx.execute("INSERT INTO part (name) VALUES ('first')");
              try {
                ctx.execute(ENDLESS_INSERT);
              } catch (SQLException expected) {
                // carry on
              }
              ctx.execute("INSERT INTO part (name) VALUES ('after')");
            });
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, v2))
            .stepTimeout(Duration.ofMillis(300))
            .load();

    MigrationException e = assertThrows(MigrationException.class, strata::migrate);

    assertTrue(e.getMessage().contains("past stepTimeout"), e.getMessage());
    assertEquals(List.of(), Db.column(db(), "SELECT name FROM part"));
    assertEquals(List.of("1:1"), history());
  }

  @Test
  void aStatementLeftOpenPastStepTimeoutDoesNotStopTheEnginesOwnStatements() {
    MigrationDescriptor v2 =
        java(
            2,
            "outside",
            false,
            ctx -> {
              Statement statement = ctx.connection().createStatement();
              ResultSet rows = statement.executeQuery("SELECT 1 UNION ALL SELECT 2");
              rows.next(); // left open on purpose
              Thread.sleep(600);
            });
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, v2))
            .stepTimeout(Duration.ofMillis(200))
            .load();

    MigrationException e = assertThrows(MigrationException.class, strata::migrate);

    assertTrue(e.getMessage().contains("past stepTimeout"), e.getMessage());
    // The engine recorded the outcome: the step is FAILED, not a claim left RUNNING.
    assertEquals(
        List.of("1:APPLIED", "2:FAILED"),
        Db.column(db(), "SELECT version || ':' || state FROM strata_history ORDER BY version"));
  }

  @Test
  void aTransactionalRebuildStoppedWithAStatementOpenLeavesItsPooledConnectionClean()
      throws Exception {
    Strata.configure().url(Db.url(db())).registry(registry(V1)).load().migrate();
    Statement[] leaked = new Statement[1];
    MigrationDescriptor v2 =
        java(
            2,
            "rebuild",
            true,
            false,
            ctx -> {
              ctx.execute("INSERT INTO part (name) VALUES ('x')");
              leaked[0] = ctx.connection().createStatement();
              ResultSet rows = leaked[0].executeQuery("SELECT 1 UNION ALL SELECT 2");
              rows.next();
              Thread.sleep(600);
            });
    try (OneConnection pool = new OneConnection(db())) {
      Strata strata =
          Strata.configure()
              .dataSource(pool)
              .registry(registry(V1, v2))
              .stepTimeout(Duration.ofMillis(200))
              .load();

      assertThrows(MigrationException.class, strata::migrate);
      leaked[0].close();

      assertEquals(1, pool.foreignKeys(), "foreign keys are enforced again");
      assertFalse(pool.inTransaction(), "no transaction is left open");
    }
    assertEquals(List.of(), Db.column(db(), "SELECT name FROM part"));
    assertEquals(List.of("1:1"), history());
  }

  @Test
  void aMigrateRefusedForAForeignHistoryLeavesTheFileAsItWas() throws Exception {
    try (Connection c = DriverManager.getConnection(Db.url(db()));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE strata_history (id INTEGER)");
    }
    byte[] before = Files.readAllBytes(db());
    Strata strata = Strata.configure().url(Db.url(db())).registry(registry(V1)).load();

    assertThrows(StrataException.class, strata::migrate);

    assertArrayEquals(before, Files.readAllBytes(db()));
    assertEquals(List.of("delete"), Db.column(db(), "PRAGMA journal_mode"));
  }

  @Test
  void aLockHeldByTheStepItselfFailsAtOnceInsteadOfWaitingOutLockTimeout() {
    MigrationDescriptor v2 =
        java(
            2,
            "drop while reading",
            ctx -> {
              ctx.execute("INSERT INTO part (name) VALUES ('a'), ('b')");
              try (Statement statement = ctx.connection().createStatement();
                  ResultSet rows = statement.executeQuery("SELECT name FROM part")) {
                rows.next();
                ctx.execute("DROP TABLE part"); // SQLITE_LOCKED: this connection still reads it
              }
            });
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, v2))
            .lockTimeout(Duration.ofSeconds(20))
            .load();

    long start = System.nanoTime();
    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertTrue(millis < 10_000, "failed after " + millis + " ms, not at once: " + e.getMessage());
    assertTrue(e.getMessage().contains("locked"), e.getMessage());
    assertEquals(List.of("1:1"), history());
  }
}
