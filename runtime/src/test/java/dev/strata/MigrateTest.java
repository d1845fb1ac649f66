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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrateTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .installedBy("tester")
        .load();
  }

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT NOT NULL);");
  private static final MigrationDescriptor V2 =
      sql(
          2,
          "seed parts",
          "INSERT INTO part (name) VALUES ('bolt'); INSERT INTO part (name) VALUES ('nut');");
  private static final MigrationDescriptor V3 =
      sql(3, "add qty", "ALTER TABLE part ADD COLUMN qty INTEGER NOT NULL DEFAULT 0");

  @Test
  void secondMigrateAppliesNothing() {
    Strata strata = strata(V1, V2, V3);
    MigrateResult first = strata.migrate();
    MigrateResult second = strata.migrate();

    assertEquals(3, first.appliedCount());
    assertEquals(0, first.initialVersion());
    assertEquals(3, first.currentVersion());
    assertEquals(0, second.appliedCount());
    assertEquals(3, second.initialVersion());
    assertEquals(3, second.currentVersion());
    assertEquals(2, Db.count(db(), "part"));
    assertEquals(3, Db.count(db(), "strata_history"));
  }

  @Test
  void appliesOnlyPendingMigrationsInOrderWithCompleteHistoryRows() {
    Instant before = Instant.now().minusSeconds(1);
    strata(V1).migrate();
    MigrateResult result = strata(V1, V2, V3).migrate();

    assertEquals(List.of(2L, 3L), result.applied().stream().map(MigrationInfo::version).toList());
    assertEquals(
        List.of(
            "1|create part|SQL|" + V1.checksum() + "|tester|1",
            "2|seed parts|SQL|" + V2.checksum() + "|tester|1",
            "3|add qty|SQL|" + V3.checksum() + "|tester|1"),
        Db.column(
            db(),
            "SELECT version || '|' || description || '|' || type || '|' || checksum || '|' ||"
                + " installed_by || '|' || success FROM strata_history ORDER BY installed_rank"));
    assertEquals(
        List.of("1", "2", "3"),
        Db.column(db(), "SELECT installed_rank FROM strata_history ORDER BY version"));
    for (String installedOn : Db.column(db(), "SELECT installed_on FROM strata_history")) {
      Instant at = Instant.parse(installedOn);
      assertTrue(!at.isBefore(before) && !at.isAfter(Instant.now()), installedOn);
    }
    for (String ms : Db.column(db(), "SELECT execution_ms FROM strata_history")) {
      assertTrue(Long.parseLong(ms) >= 0, ms);
    }
    assertEquals(List.of("0", "0"), Db.column(db(), "SELECT qty FROM part"));
  }

  @Test
  void failingMigrationLeavesLastGoodVersionAndNextRunProceedsAfterFix() {
    MigrationDescriptor broken =
        sql(
            4,
            "add location",
            "CREATE TABLE location (id INTEGER PRIMARY KEY); INSERT INTO location VALUES (1);"
                + " INSERT INTO nowhere VALUES (1)");
    Strata strata = strata(V1, V2, V3, broken);

    MigrationException e = assertThrows(MigrationException.class, strata::migrate);

    assertEquals(4, e.version());
    assertEquals("add location", e.description());
    assertEquals("INSERT INTO nowhere VALUES (1)", e.statement().orElseThrow());
    assertTrue(
        e.getMessage()
            .contains(
                "Migration 4 (add location) failed at statement 3 of up: INSERT INTO nowhere VALUES"
                    + " (1)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("no such table: nowhere"), e.getMessage());
    // Versions 1-3 stayed; version 4 left neither its table nor a history row.
    assertEquals(
        List.of("1", "2", "3"),
        Db.column(db(), "SELECT version FROM strata_history ORDER BY version"));
    assertEquals(List.of("part", "strata_history"), Db.tables(db()));
    assertEquals(3, strata.info().currentVersion());

    MigrationDescriptor fixed =
        sql(
            4,
            "add location",
            "CREATE TABLE location (id INTEGER PRIMARY KEY); INSERT INTO location VALUES (1)");
    MigrateResult result = strata(V1, V2, V3, fixed).migrate();

    assertEquals(1, result.appliedCount());
    assertEquals(4, result.currentVersion());
    assertEquals(1, Db.count(db(), "location"));
  }

  @Test
  void failureSaysWhichOfIdenticalStatementsFailed() {
    MigrationDescriptor twice =
        sql(
            2,
            "seed twice",
            "CREATE UNIQUE INDEX part_name ON part (name); INSERT INTO part (name) VALUES ('bolt');"
                + " INSERT INTO part (name) VALUES ('bolt')");
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, twice).migrate());

    assertEquals("INSERT INTO part (name) VALUES ('bolt')", e.statement().orElseThrow());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Migration 2 (seed twice) failed at statement 3 of up: INSERT INTO part (name)"
                    + " VALUES ('bolt')\n"
                    + "Cause: "),
        e.getMessage());
  }

  @Test
  void javaMigrationFailureIsReportedWithoutAStatement() {
    MigrationDescriptor failing =
        java(
            2,
            "backfill",
            ctx -> {
              ctx.update("INSERT INTO part (name) VALUES (?)", "washer");
              throw new IllegalStateException("backfill source unavailable");
            });
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, failing).migrate());

    assertTrue(e.statement().isEmpty());
    assertTrue(
        e.getMessage().startsWith("Migration 2 (backfill) failed: java.lang.IllegalStateException"),
        e.getMessage());
    assertEquals(0, Db.count(db(), "part"));
  }

  @Test
  void javaMigrationRunsInTheStepTransactionWithProductionPragmas() {
    List<String> seen = new ArrayList<>();
    MigrationDescriptor inspect =
        java(
            2,
            "inspect",
            ctx -> {
              try (Statement s = ctx.connection().createStatement()) {
                for (String pragma :
                    List.of("foreign_keys", "journal_mode", "synchronous", "busy_timeout")) {
                  try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
                    rs.next();
                    seen.add(pragma + "=" + rs.getString(1));
                  }
                }
              }
              assertEquals(2, ctx.version());
              assertEquals(1, ctx.update("INSERT INTO part (name) VALUES (?)", "gear"));
            });
    Strata.configure()
        .url(Db.url(db()))
        .registry(registry(V1, inspect))
        .busyTimeout(Duration.ofMillis(1234))
        .load()
        .migrate();

    // synchronous NORMAL is 1.
    assertEquals(
        List.of("foreign_keys=1", "journal_mode=wal", "synchronous=1", "busy_timeout=1234"), seen);
    assertEquals(List.of("gear"), Db.column(db(), "SELECT name FROM part"));
  }

  @Test
  void foreignKeysAreEnforcedInsideMigrations() {
    MigrationDescriptor fk =
        sql(
            2,
            "stock",
            "CREATE TABLE stock (part_id INTEGER NOT NULL REFERENCES part (id));"
                + " INSERT INTO stock VALUES (42)");
    MigrationException e = assertThrows(MigrationException.class, () -> strata(V1, fk).migrate());
    assertTrue(e.getMessage().contains("FOREIGN KEY constraint failed"), e.getMessage());
  }

  @Test
  void thousandMigrationsApplyInOrder() {
    List<MigrationDescriptor> migrations = new ArrayList<>();
    migrations.add(
        sql(
            1,
            "create log",
            "CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, version INTEGER NOT NULL)"));
    for (long v = 2; v <= 1000; v++) {
      migrations.add(sql(v, "step " + v, "INSERT INTO log (version) VALUES (" + v + ")"));
    }
    Strata strata = Strata.configure().url(Db.url(db())).registry(registry(migrations)).load();

    MigrateResult result = strata.migrate();

    assertEquals(1000, result.appliedCount());
    assertEquals(1000, result.currentVersion());
    List<String> expected = LongStream.rangeClosed(2, 1000).mapToObj(Long::toString).toList();
    assertEquals(expected, Db.column(db(), "SELECT version FROM log ORDER BY seq"));
    assertEquals(
        LongStream.rangeClosed(1, 1000).mapToObj(Long::toString).toList(),
        Db.column(db(), "SELECT version FROM strata_history ORDER BY installed_rank"));
    assertEquals(0, strata.migrate().appliedCount());
    assertTrue(strata.validate().valid());
  }

  @Test
  void listenerHearsStartedAndFinishedForEachAppliedStep() {
    List<String> events = new ArrayList<>();
    MigrationListener listener =
        new MigrationListener() {
          @Override
          public void started(MigrationEvent m) {
            events.add("started " + m.version());
          }

          @Override
          public void finished(MigrationEvent m, Duration elapsed) {
            assertFalse(elapsed.isNegative());
            events.add("finished " + m.version());
          }

          @Override
          public void failed(MigrationEvent m, MigrationException error, Duration elapsed) {
            events.add("failed " + m.version() + " " + error.version());
          }
        };
    strata(V1).migrate();
    MigrationDescriptor broken = sql(3, "broken", "SELECT * FROM nowhere");
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, V2, broken))
            .listener(listener)
            .load();

    assertThrows(MigrationException.class, strata::migrate);

    assertEquals(List.of("started 2", "finished 2", "started 3", "failed 3 3"), events);
  }

  /** "started of migration 1" from the warning that a throwing listener was skipped. */
  private static String listenerEvent(String warning) {
    String event = warning.substring(warning.indexOf(" failed on ") + " failed on ".length());
    return event.substring(0, event.indexOf(" ("));
  }

  /** A listener whose every method throws, as a buggy metrics hook might. */
  private static final MigrationListener THROWING =
      new MigrationListener() {
        @Override
        public void started(MigrationEvent m) {
          throw new IllegalStateException("listener bug on started");
        }

        @Override
        public void finished(MigrationEvent m, Duration elapsed) {
          throw new IllegalStateException("listener bug on finished");
        }

        @Override
        public void failed(MigrationEvent m, MigrationException error, Duration elapsed) {
          throw new IllegalStateException("listener bug on failed");
        }
      };

  @Test
  void throwingListenerNeitherFailsStepsNorLeavesAClaim() {
    MigrationDescriptor vacuum = java(4, "vacuum", false, ctx -> ctx.execute("VACUUM"));
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, V2, V3, vacuum))
            .installedBy("tester")
            .listener(THROWING)
            .lockTimeout(Duration.ofMillis(200))
            .load();

    MigrateResult result;
    try (CapturedLog log = CapturedLog.start()) {
      result = strata.migrate();

      assertEquals(
          List.of(
              "started of migration 1", "finished of migration 1",
              "started of migration 2", "finished of migration 2",
              "started of migration 3", "finished of migration 3",
              "started of migration 4", "finished of migration 4"),
          log.messages(Level.WARNING).stream().map(MigrateTest::listenerEvent).toList());
    }

    assertEquals(4, result.appliedCount());
    assertEquals(
        List.of("1|tester|1", "2|tester|1", "3|tester|1", "4|tester|1"),
        Db.column(
            db(),
            "SELECT version || '|' || installed_by || '|' || success FROM strata_history ORDER BY"
                + " version"));
    assertEquals(0, strata.migrate().appliedCount());
    assertTrue(strata.validate().valid());
  }

  @Test
  void listenerAfterAThrowingOneStillHearsEveryEvent() {
    List<String> events = new ArrayList<>();
    MigrationListener recorder =
        new MigrationListener() {
          @Override
          public void started(MigrationEvent m) {
            events.add("started " + m.version());
          }

          @Override
          public void finished(MigrationEvent m, Duration elapsed) {
            events.add("finished " + m.version());
          }
        };
    try (CapturedLog log = CapturedLog.start()) {
      Strata.configure()
          .url(Db.url(db()))
          .registry(registry(V1))
          .listener(THROWING)
          .listener(recorder)
          .load()
          .migrate();

      assertEquals(2, log.messages(Level.WARNING).size());
    }

    assertEquals(List.of("started 1", "finished 1"), events);
  }

  @Test
  void throwingListenerDoesNotHideTheStepsFailure() {
    MigrationDescriptor broken =
        java(2, "broken vacuum", false, ctx -> ctx.execute("VACUUM; SELECT * FROM nowhere"));
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, broken))
            .listener(THROWING)
            .load();

    MigrationException e;
    try (CapturedLog log = CapturedLog.start()) {
      e = assertThrows(MigrationException.class, strata::migrate);

      assertTrue(
          log.messages(Level.WARNING)
              .get(log.messages(Level.WARNING).size() - 1)
              .endsWith(
                  "failed on failed of migration 2 (broken vacuum); ignored:"
                      + " listener bug on failed"),
          log.messages(Level.WARNING).toString());
    }

    assertEquals(2, e.version());
    assertTrue(e.getMessage().contains("no such table: nowhere"), e.getMessage());
    assertEquals(
        List.of("1"), Db.column(db(), "SELECT version FROM strata_history WHERE success = 1"));
  }

  @Test
  void listenerElapsedTimeIsTheHistorysExecutionTime() {
    List<MigrationDescriptor> migrations = new ArrayList<>();
    migrations.add(sql(1, "create log", "CREATE TABLE log (version INTEGER NOT NULL)"));
    for (long v = 2; v <= 200; v++) {
      migrations.add(
          v % 50 == 0
              ? java(v, "vacuum " + v, false, ctx -> ctx.execute("VACUUM"))
              : sql(v, "step " + v, "INSERT INTO log VALUES (" + v + ")"));
    }
    List<String> heard = new ArrayList<>();
    MigrationListener listener =
        new MigrationListener() {
          @Override
          public void finished(MigrationEvent m, Duration elapsed) {
            heard.add(m.version() + ":" + elapsed.toMillis());
          }
        };
    Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .listener(listener)
        .load()
        .migrate();

    // Many steps, so that a measure taken after the commit would cross a millisecond somewhere.
    assertEquals(
        Db.column(
            db(), "SELECT version || ':' || execution_ms FROM strata_history ORDER BY version"),
        heard);
  }

  @Test
  void nonTransactionalMigrationRunsOutsideATransaction() {
    MigrationDescriptor vacuum = java(3, "vacuum", false, ctx -> ctx.execute("VACUUM"));
    MigrationDescriptor after = sql(4, "after vacuum", "INSERT INTO part (name) VALUES ('pin')");
    MigrateResult result = strata(V1, V2, vacuum, after).migrate();

    assertEquals(4, result.appliedCount());
    assertEquals(
        List.of("1", "1", "1", "1"),
        Db.column(db(), "SELECT success FROM strata_history ORDER BY version"));
    assertEquals(3, Db.count(db(), "part"));
  }

  @Test
  void foreignKeysAreBackOnAfterANonTransactionalTableRebuild() {
    // SQLite's table-rebuild procedure: foreign keys off, rebuild in a transaction, check, commit.
    MigrationDescriptor rebuild =
        java(
            2,
            "rebuild part",
            false,
            ctx ->
                ctx.execute(
                    """
                    PRAGMA foreign_keys = OFF;
                    BEGIN;
                    CREATE TABLE part_new (id INTEGER PRIMARY KEY, \
                    name TEXT NOT NULL COLLATE NOCASE);
                    INSERT INTO part_new SELECT id, name FROM part;
                    DROP TABLE part;
                    ALTER TABLE part_new RENAME TO part;
                    COMMIT;
                    """));
    List<String> seen = new ArrayList<>();
    MigrationDescriptor after =
        java(
            3,
            "after",
            ctx -> {
              try (Statement s = ctx.connection().createStatement();
                  ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
                rs.next();
                seen.add("foreign_keys=" + rs.getInt(1));
              }
            });
    strata(V1, rebuild, after).migrate();

    assertEquals(List.of("foreign_keys=1"), seen);
    assertTrue(
        Db.column(db(), "SELECT sql FROM sqlite_master WHERE name = 'part'")
            .get(0)
            .contains("NOCASE"));
  }

  @Test
  void failedNonTransactionalMigrationStaysFailedUntilItsRowIsDeleted() {
    MigrationDescriptor broken =
        java(2, "vacuum", false, ctx -> ctx.execute("VACUUM; SELECT * FROM nowhere"));
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(V1, broken).migrate());
    assertEquals("SELECT * FROM nowhere", e.statement().orElseThrow());
    assertTrue(
        e.getMessage()
            .contains(
                "nothing rolled it back: 1 statement it ran through MigrationContext.execute/update"
                    + " stayed committed"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .contains("then delete its row (DELETE FROM strata_history WHERE version = 2)"),
        e.getMessage());
    assertEquals(
        List.of("1:1:APPLIED", "2:0:FAILED"),
        Db.column(db(), "SELECT version || ':' || success || ':' || state FROM strata_history"));

    // The fix alone is not enough: someone must look first, and says so by deleting the row.
    MigrationDescriptor fixed = java(2, "vacuum", false, ctx -> ctx.execute("VACUUM"));
    MigrationException refused =
        assertThrows(MigrationException.class, () -> strata(V1, fixed).migrate());
    assertEquals(e.getMessage(), refused.getMessage());
    assertEquals(MigrationState.FAILED, strata(V1, fixed).info().migrations().get(1).state());
    Db.exec(db(), "DELETE FROM strata_history WHERE version = 2");
    assertEquals(1, strata(V1, fixed).migrate().appliedCount());
  }

  @Test
  void abandonedNonTransactionalClaimIsReportedAndBlocksAfterTheLockTimeout() {
    strata(V1).migrate();
    // What a process that died inside a non-transactional step leaves behind.
    Db.exec(
        db(),
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success) VALUES (2, 'seed parts', 'SQL', '"
            + V2.checksum()
            + "', '2026-01-01T00:00:00Z', 'ghost', 0, 0)");
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, V2, V3))
            .lockTimeout(Duration.ofMillis(200))
            .load();

    // An untagged claimant cannot be told dead, so it may still be running.
    assertEquals(MigrationState.RUNNING, strata.info().migrations().get(1).state());
    assertTrue(strata.validate().valid(), strata.validate().render());
    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    assertEquals(2, e.version());
    assertTrue(e.getMessage().contains("started outside a transaction by ghost"), e.getMessage());
    assertEquals(0, Db.count(db(), "part"), "version 3 must not overtake the unfinished version 2");
  }

  @Test
  void runningNonTransactionalStepIsRunningNotFailed() {
    List<String> seen = new ArrayList<>();
    Strata[] self = new Strata[1];
    MigrationDescriptor watched =
        java(
            2,
            "vacuum",
            false,
            ctx -> {
              seen.add(self[0].info().migrations().get(1).state().name());
              seen.add(self[0].validate().render());
            });
    self[0] = strata(V1, watched);
    self[0].migrate();

    assertEquals(List.of("RUNNING", "Valid: no issues.\n1 migration pending.\n"), seen);
  }

  @Test
  void claimOfADeadProcessIsFailed() {
    strata(V1).migrate();
    String ghost = Claimant.tag("ghost").replaceFirst("\\[pid \\d+@", "[pid 999999999@");
    Db.exec(
        db(),
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success) VALUES (2, 'seed parts', 'SQL', '"
            + V2.checksum()
            + "', '2026-01-01T00:00:00Z', '"
            + ghost
            + "', 0, 0)");
    Strata strata = strata(V1, V2);

    assertEquals(MigrationState.FAILED, strata.info().migrations().get(1).state());
    ValidationIssue issue = strata.validate().issues().get(0);
    assertEquals(ValidationIssue.Kind.FAILED_MIGRATION, issue.kind());
    assertTrue(issue.message().contains("that process died before it finished"), issue.message());
  }

  @Test
  void dataSourceConnectionsGetThePragmasToo() {
    org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
    dataSource.setUrl(Db.url(db()));
    List<String> seen = new ArrayList<>();
    MigrationDescriptor inspect =
        java(
            1,
            "inspect",
            ctx -> {
              try (Statement s = ctx.connection().createStatement();
                  ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
                rs.next();
                seen.add("foreign_keys=" + rs.getInt(1));
              }
            });
    Strata.configure().dataSource(dataSource).registry(registry(inspect)).load().migrate();

    assertEquals(List.of("foreign_keys=1"), seen);
    assertEquals(List.of("wal"), Db.column(db(), "PRAGMA journal_mode"));
  }
}
