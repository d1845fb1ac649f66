package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.ClaimProcessesTest.Child;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate()} and {@code rollbackTo()} from separate JVMs ({@link ClaimChild}) on one SQLite
 * file, with a step whose up and down run outside a transaction: steps never interleave, and every
 * call returns normally (a caller that meets the other's step waits for it; no refusal and no raw
 * {@code SQLITE_BUSY} is an allowed outcome).
 */
class RollbackProcessesTest {
  private static final int PROCESSES = 2;
  private static final int CALLS = 24;

  /** Enough for both child JVMs to start on a busy two-core machine before the start instant. */
  private static final long START_DELAY_MS = 5000;

  @TempDir Path dir;

  @Test
  void migrateAndRollbackRacingFromTwoProcessesNeverInterleaveAndNoCallFails() throws Exception {
    Path db = dir.resolve("race.db");
    Strata.configure().url(Db.url(db)).registry(ClaimChild.raceChain()).load().migrate();
    long startAt = System.currentTimeMillis() + START_DELAY_MS;
    List<Child> children = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      children.add(
          Child.start(
              dir.resolve("race-p" + p),
              "race",
              db.toString(),
              Long.toString(startAt),
              Integer.toString(CALLS),
              Integer.toString(p)));
    }
    List<String> failures = new ArrayList<>();
    int calls = 0;
    int applied = 0;
    int rolledBack = 0;
    for (Child child : children) {
      assertTrue(child.await(), "child finished");
      for (String line : child.stdout().lines().toList()) {
        calls++;
        if (!line.matches("ok \\d+ (migrate applied|rollback to=\\d steps)=\\d+")) {
          failures.add(line);
        } else if (line.contains(" migrate applied=")) {
          applied += Integer.parseInt(line.substring(line.indexOf('=') + 1));
        } else {
          rolledBack += Integer.parseInt(line.substring(line.lastIndexOf('=') + 1));
        }
      }
    }
    List<String> history = Db.column(db, "SELECT version FROM strata_history ORDER BY version");
    long version = history.size();
    System.out.printf(
        "migrate/rollback race: processes=%d calls=%d failed-calls=%d steps-applied=%d"
            + " steps-rolled-back=%d final-version=%d%n",
        PROCESSES, calls, failures.size(), applied, rolledBack, version);
    assertEquals(List.of(), failures);
    assertEquals(PROCESSES * CALLS, calls);
    assertTrue(applied > 0 && rolledBack > 0, "both directions ran");

    // The history has no gap, every row is final, and the log the steps keep agrees with it.
    List<String> upTo = LongStream.rangeClosed(1, version).mapToObj(Long::toString).toList();
    assertEquals(upTo, history);
    assertEquals(
        List.of(version + "/" + version),
        Db.column(db, "SELECT sum(success) || '/' || count(*) FROM strata_history"));
    assertEquals(upTo, Db.column(db, "SELECT version FROM applied_log ORDER BY seq"));
    // The schema equals a database migrated straight to the recorded version.
    Path reference = dir.resolve("reference.db");
    Strata.configure()
        .url(Db.url(reference))
        .registry(ClaimChild.raceChain())
        .target(version)
        .load()
        .migrate();
    assertEquals(Db.tables(reference), Db.tables(db));
    SchemaDiff diff = SchemaDiff.compare(schema(reference), schema(db));
    assertTrue(diff.items().isEmpty(), diff.items().toString());
    // And both directions still work from there.
    Strata strata = Strata.configure().url(Db.url(db)).registry(ClaimChild.raceChain()).load();
    assertEquals(5, strata.migrate().currentVersion());
    assertEquals(1, strata.rollbackTo(1).currentVersion());
  }

  @Test
  void aRollbackKilledInItsNonTransactionalDownIsReportedAtOnceNeverSilentlyHalfDone()
      throws Exception {
    Path db = dir.resolve("killed.db");
    Strata strata =
        Strata.configure()
            .url(Db.url(db))
            .registry(ClaimChild.slowDown(0))
            .lockTimeout(Duration.ofMinutes(10))
            .load();
    strata.migrate();
    Child child = Child.start(dir.resolve("killed"), "down-sleep", db.toString(), "60000");
    try {
      awaitRollbackClaim(db);
    } finally {
      child.kill();
    }
    // The down had deleted its log row and was sleeping before it dropped its table.
    assertEquals(List.of("1"), Db.column(db, "SELECT version FROM applied_log"));
    assertTrue(Db.tables(db).contains("step_2"));

    long start = System.nanoTime();
    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
    System.out.printf("killed rollback: recognised-dead-after-ms=%d%n", ms);
    assertTrue(ms < 5000, "judged at once, not after the 10 min lock timeout: " + ms + " ms");
    assertTrue(
        e.getMessage().contains("its rollback was started outside a transaction by child-"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("and that process is no longer running: check what its down did"),
        e.getMessage());
    assertEquals(MigrationState.FAILED, strata.info().migrations().get(1).state());
    assertTrue(
        strata.validate().render().contains("had its down started by child-"),
        strata.validate().render());
    IrreversibleMigrationException refused =
        assertThrows(IrreversibleMigrationException.class, () -> strata.rollbackTo(1));
    assertTrue(
        refused
            .getMessage()
            .contains("migration 2 (step 2) was being rolled back and is failed or unfinished"),
        refused.getMessage());
    assertEquals(List.of("1", "2"), Db.column(db, "SELECT version FROM strata_history"));
  }

  private static void awaitRollbackClaim(Path db) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(db)
          && !Db.column(
                  db,
                  "SELECT 1 FROM strata_history WHERE version = 2 AND success = 0"
                      + " AND state = 'RUNNING' AND failure LIKE 'Rollback of migration 2 %'")
              .isEmpty()
          && Db.column(db, "SELECT version FROM applied_log").equals(List.of("1"))) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the child never claimed the rollback of step 2");
  }

  private static SchemaModel schema(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection(Db.url(file))) {
      return SchemaInspector.inspect(c, Set.of(Strata.HISTORY_TABLE));
    }
  }
}
