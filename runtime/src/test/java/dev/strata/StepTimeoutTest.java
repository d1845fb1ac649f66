package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stepTimeout} stops a migration that runs too long, by interrupting its statement, and
 * fails the step atomically; a step under the limit is unaffected.
 */
class StepTimeoutTest {
  private static final Duration LIMIT = Duration.ofMillis(500);

  /** A correctness bound with generous slack for a loaded machine, not a speed benchmark. */
  private static final long SLACK_MS = 1_500;

  /** Counts for ever: SQLite's recursion has no end of its own. */
  private static final String ENDLESS =
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(Duration stepTimeout, MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .stepTimeout(stepTimeout)
        .load();
  }

  private MigrationException failsWithinTheLimit(Strata strata) {
    long start = System.nanoTime();
    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertTrue(tookMs < LIMIT.toMillis() + SLACK_MS, "stopped after " + tookMs + " ms: " + e);
    return e;
  }

  private List<String> history() {
    return Db.column(db(), "SELECT version || ':' || success FROM strata_history ORDER BY version");
  }

  @Test
  void anEndlessQueryIsStoppedAndItsStepRolledBack() {
    MigrationDescriptor endless =
        sql(2, "endless", "INSERT INTO part (name) VALUES ('bolt'); " + ENDLESS);
    MigrationDescriptor after = sql(3, "after", "INSERT INTO part (name) VALUES ('nut')");

    MigrationException e = failsWithinTheLimit(strata(LIMIT, V1, endless, after));

    assertEquals(2, e.version());
    assertEquals(
        "Migration 2 (endless) failed at statement 2 of up: "
            + ENDLESS
            + "\nCause: stopped after running past stepTimeout, 0.5 s"
            + " (StrataBuilder.stepTimeout(..), STRATA_STEP_TIMEOUT_MS or strata.stepTimeoutMs);"
            + " the step was rolled back. It ended with: interrupted",
        e.getMessage());
    assertEquals(List.of("1:1"), history(), "the database stays at the last good version");
    assertEquals(0, Db.count(db(), "part"));
  }

  @Test
  void aJavaMigrationLoopingOnSqlIsStopped() {
    MigrationDescriptor looping =
        java(
            2,
            "looping",
            ctx -> {
              ctx.execute("INSERT INTO part (name) VALUES ('counter')");
              for (long i = 0; i < 1_000_000_000L; i++) {
                ctx.update("UPDATE part SET name = ? WHERE id = 1", "n" + i);
              }
            });

    MigrationException e = failsWithinTheLimit(strata(LIMIT, V1, looping));

    assertEquals(2, e.version());
    assertTrue(e.getMessage().contains("past stepTimeout, 0.5 s"), e.getMessage());
    assertEquals(List.of("1:1"), history());
    assertEquals(0, Db.count(db(), "part"));
  }

  @Test
  void aMigrationThatSwallowsTheInterruptStillFails() {
    MigrationDescriptor stubborn =
        java(
            2,
            "stubborn",
            ctx -> {
              ctx.execute("INSERT INTO part (name) VALUES ('bolt')");
              try (Statement s = ctx.connection().createStatement()) {
                s.executeQuery(ENDLESS).close();
              } catch (java.sql.SQLException ignored) {
                // A migration that hides the failure must not be recorded as applied.
              }
            });

    MigrationException e = failsWithinTheLimit(strata(LIMIT, V1, stubborn));

    assertTrue(e.getMessage().contains("past stepTimeout"), e.getMessage());
    assertEquals(List.of("1:1"), history());
    assertEquals(0, Db.count(db(), "part"));
  }

  @Test
  void aNonTransactionalStepIsStoppedToo() {
    MigrationDescriptor endless = java(2, "endless outside", false, ctx -> ctx.execute(ENDLESS));

    MigrationException e = failsWithinTheLimit(strata(LIMIT, V1, endless));

    assertEquals(2, e.version());
    assertTrue(
        e.getMessage()
            .contains(
                "past stepTimeout, 0.5 s (StrataBuilder.stepTimeout(..), STRATA_STEP_TIMEOUT_MS or"
                    + " strata.stepTimeoutMs); it runs outside a transaction, so what it committed"
                    + " before stays."),
        e.getMessage());
    assertTrue(history().stream().noneMatch(row -> row.equals("2:1")), history().toString());
  }

  @Test
  void aStepUnderTheLimitIsUnaffected() throws InterruptedException {
    MigrationDescriptor bounded =
        sql(
            2,
            "bounded",
            "INSERT INTO part (name) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
                + " WHERE x < 10000) SELECT 'p' || x FROM c");
    MigrationDescriptor quick = sql(3, "quick", "INSERT INTO part (name) VALUES ('nut')");
    Strata strata = strata(Duration.ofSeconds(5), V1, bounded, quick);

    assertEquals(3, strata.migrate().appliedCount());
    assertEquals(List.of("1:1", "2:1", "3:1"), history());
    assertEquals(10_001, Db.count(db(), "part"));
  }

  @Test
  void offByDefault() {
    MigrationDescriptor slow =
        java(
            2,
            "slow",
            ctx -> {
              Thread.sleep(LIMIT.toMillis() + 200);
              ctx.execute("INSERT INTO part (name) VALUES ('bolt')");
            });
    assertEquals(2, strata(Duration.ZERO, V1, slow).migrate().appliedCount());
    assertEquals(1, Db.count(db(), "part"));
  }
}
