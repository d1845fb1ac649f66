package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.internal.history.Claimant;
import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A step stays atomic and its failure stays named, whatever the migration does. */
class StepSafetyTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(MigrationDescriptor... migrations) {
    return strata(new MigrationListener() {}, migrations);
  }

  private Strata strata(MigrationListener listener, MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .installedBy("tester")
        .listener(listener)
        .load();
  }

  private List<String> versions() {
    return Db.column(db(), "SELECT version FROM strata_history ORDER BY version");
  }

  @Test
  void commitInsideATransactionalScriptIsRefusedAndNothingOfTheStepStays() {
    MigrationDescriptor sneaky =
        sql(
            2,
            "sneaky commit",
            "CREATE TABLE b (x); COMMIT; CREATE TABLE c (x); SELECT * FROM nowhere");
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, sneaky).migrate());

    assertEquals("COMMIT", e.statement().orElseThrow());
    assertTrue(
        e.getMessage().startsWith("Migration 2 (sneaky commit) refused statement: COMMIT"),
        e.getMessage());
    assertTrue(e.getMessage().contains("transactional = false"), e.getMessage());
    assertEquals(List.of("part", "strata_history"), Db.tables(db()));
    assertEquals(List.of("1"), versions());
  }

  @Test
  void trailingCommitNeitherRecordsSuccessNorLeavesItsTable() {
    MigrationException e =
        assertThrows(
            MigrationException.class,
            () -> strata(V1, sql(2, "trailing commit", "CREATE TABLE b (x); COMMIT")).migrate());

    assertEquals("COMMIT", e.statement().orElseThrow());
    assertEquals(List.of("part", "strata_history"), Db.tables(db()));
    assertEquals(List.of("1"), versions());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BEGIN",
        "begin immediate transaction",
        "COMMIT TRANSACTION",
        "END",
        "ROLLBACK",
        "ROLLBACK TRANSACTION",
        "VACUUM"
      })
  void transactionControlIsRefusedInExecuteAndUpdate(String statement) {
    MigrationDescriptor viaExecute =
        java(
            2, "execute", ctx -> ctx.execute("INSERT INTO part (name) VALUES ('a'); " + statement));
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, viaExecute).migrate());
    assertEquals(statement, e.statement().orElseThrow());

    MigrationDescriptor viaUpdate = java(2, "update", ctx -> ctx.update(statement));
    e = assertThrows(MigrationException.class, () -> strata(V1, viaUpdate).migrate());
    assertEquals(statement, e.statement().orElseThrow());
    assertEquals(0, Db.count(db(), "part"));
  }

  @Test
  void savepointsAreAllowedAndNonTransactionalStepsMayControlTheirOwnTransactions() {
    MigrationDescriptor savepoints =
        sql(
            2,
            "savepoints",
            "SAVEPOINT s; INSERT INTO part (name) VALUES ('gone'); ROLLBACK TO s; ROLLBACK"
                + " TRANSACTION TO SAVEPOINT s; RELEASE s; INSERT INTO part (name) VALUES"
                + " ('kept')");
    MigrationDescriptor own =
        java(
            3,
            "own transaction",
            false,
            ctx -> ctx.execute("BEGIN; INSERT INTO part (name) VALUES ('own'); COMMIT; VACUUM"));

    assertEquals(3, strata(V1, savepoints, own).migrate().appliedCount());
    assertEquals(List.of("kept", "own"), Db.column(db(), "SELECT name FROM part ORDER BY id"));
  }

  @Test
  void javaMigrationThatCommitsOnTheConnectionIsRefusedWithoutAHistoryRow() {
    MigrationDescriptor committing =
        java(
            2,
            "commits",
            ctx -> {
              try (Statement s = ctx.connection().createStatement()) {
                s.execute("COMMIT");
              }
            });
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, committing).migrate());

    assertTrue(e.getMessage().contains("refused statement: COMMIT"), e.getMessage());
    assertEquals(List.of("1"), versions());
  }

  @Test
  void updateRefusesMoreThanOneStatement() {
    MigrationDescriptor two =
        java(
            2,
            "two inserts",
            ctx ->
                ctx.update(
                    "INSERT INTO part (name) VALUES ('a'); INSERT INTO part (name) VALUES ('b')"));
    MigrationException e = assertThrows(MigrationException.class, () -> strata(V1, two).migrate());

    assertTrue(e.getMessage().contains("exactly one statement, but this is 2"), e.getMessage());
    assertEquals(0, Db.count(db(), "part"));
  }

  @Test
  void errorsFromJavaMigrationsAreRolledBackReportedAndNamed() {
    List<String> failed = new ArrayList<>();
    MigrationListener listener =
        new MigrationListener() {
          @Override
          public void failed(MigrationEvent m, MigrationException error, Duration elapsed) {
            failed.add(m.version() + " " + error.getCause().getClass().getSimpleName());
          }
        };
    for (Error error : List.of(new AssertionError("expected 3 rows"), new StackOverflowError())) {
      MigrationDescriptor throwing =
          java(
              2,
              "backfill",
              ctx -> {
                ctx.update("INSERT INTO part (name) VALUES ('x')");
                throw error;
              });
      MigrationException e =
          assertThrows(MigrationException.class, () -> strata(listener, V1, throwing).migrate());
      assertEquals(2, e.version());
      assertTrue(
          e.getMessage().startsWith("Migration 2 (backfill) failed: " + error.getClass().getName()),
          e.getMessage());
      assertEquals(0, Db.count(db(), "part"));
    }
    assertEquals(List.of("2 AssertionError", "2 StackOverflowError"), failed);

    MigrationDescriptor outside =
        java(
            2,
            "outside",
            false,
            ctx -> {
              throw new AssertionError("boom");
            });
    assertThrows(MigrationException.class, () -> strata(V1, outside).migrate());
    assertEquals(List.of("1", "2"), versions(), "the claim is recorded as failed");
    assertEquals(
        List.of("FAILED"), Db.column(db(), "SELECT state FROM strata_history WHERE version = 2"));
  }

  @Test
  void virtualMachineErrorsPassUnchangedAfterTheRollback() {
    MigrationDescriptor exhausted =
        java(
            2,
            "big",
            ctx -> {
              ctx.update("INSERT INTO part (name) VALUES ('x')");
              throw new OutOfMemoryError("test");
            });
    Strata strata = strata(V1, exhausted);
    assertThrows(OutOfMemoryError.class, strata::migrate);
    assertEquals(0, Db.count(db(), "part"));

    // The same database migrates at once: nothing holds the write lock any more.
    MigrationDescriptor fixed =
        java(2, "big", ctx -> ctx.update("INSERT INTO part (name) VALUES ('y')"));
    Strata next =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, fixed))
            .lockTimeout(Duration.ofSeconds(2))
            .load();
    assertEquals(1, next.migrate().appliedCount());
  }

  @Test
  void sqlMigrationRunsItsStatementsAsTheProcessorSplitThem() {
    String statement = "/* lead */ SELECT * FROM nowhere";
    MigrationDescriptor presplit = TestMigrations.presplit(2, "presplit", List.of(statement));
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, presplit).migrate());

    assertEquals(statement, e.statement().orElseThrow());
  }

  @Test
  void messagesCarrySqlitesWordsAndTimestampVersionsWithoutGrouping() {
    long version = 20261121153000L;
    List<String> logged = new ArrayList<>();
    Logger jul = Logger.getLogger("dev.strata");
    Level level = jul.getLevel();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(new SimpleFormatter().formatMessage(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    boolean parents = jul.getUseParentHandlers();
    jul.setLevel(Level.ALL);
    jul.setUseParentHandlers(false);
    jul.addHandler(handler);
    try {
      MigrationException e =
          assertThrows(
              MigrationException.class,
              () -> strata(sql(version, "seed", "INSERT INTO nowhere VALUES (1)")).migrate());
      assertEquals(
          "Migration 20261121153000 (seed) failed at statement 1 of up: INSERT INTO nowhere VALUES"
              + " (1)\n"
              + "Cause: no such table: nowhere",
          e.getMessage());

      strata(sql(version, "seed", "CREATE TABLE somewhere (x)")).migrate();
    } finally {
      jul.removeHandler(handler);
      jul.setLevel(level);
      jul.setUseParentHandlers(parents);
    }
    assertTrue(logged.stream().anyMatch(m -> m.contains("20261121153000")), logged.toString());
    assertFalse(logged.stream().anyMatch(m -> m.contains("20,261")), logged.toString());
  }

  @Test
  void claimOfADeadProcessOnThisHostFailsAtOnce() {
    strata(V1).migrate();
    String ghost = Claimant.tag("ghost").replaceFirst("\\[pid \\d+@", "[pid 999999999@");
    Db.exec(
        db(),
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success) VALUES (2, 'vacuum', 'JAVA', 'x',"
            + " '2026-01-01T00:00:00Z', '"
            + ghost
            + "', 0, 0)");
    Strata strata = strata(V1, java(2, "vacuum", false, ctx -> ctx.execute("VACUUM")));

    long start = System.nanoTime();
    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5,
        "must not wait out the 10 min lock timeout");
    assertTrue(
        e.getMessage()
            .contains(
                "by "
                    + ghost
                    + " at 2026-01-01T00:00:00Z, and that process is no longer running: check"
                    + " what"),
        e.getMessage());
  }

  @Test
  void claimNamesTheClaimingProcessUntilTheStepSucceeds() {
    List<String> during = new ArrayList<>();
    MigrationDescriptor outside =
        java(
            2,
            "vacuum",
            false,
            ctx -> {
              try (Statement s = ctx.connection().createStatement();
                  ResultSet rs =
                      s.executeQuery("SELECT installed_by FROM strata_history WHERE version = 2")) {
                rs.next();
                during.add(rs.getString(1));
              }
            });
    strata(V1, outside).migrate();

    assertEquals(List.of(Claimant.tag("tester")), during);
    assertTrue(
        during.get(0).contains("[pid " + ProcessHandle.current().pid() + "@"), during.get(0));
    assertFalse(Claimant.isDead(during.get(0)));
    assertEquals(
        List.of("tester"),
        Db.column(db(), "SELECT installed_by FROM strata_history WHERE version = 2"));
  }
}
