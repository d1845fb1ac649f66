package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.internal.engine.EngineHooks;
import dev.strata.internal.history.Claimant;
import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a caller judges another's claim of a non-transactional step (issue 9 items 1, 3, 4). */
class ClaimTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(String installer, MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .installedBy(installer)
        .lockTimeout(Duration.ofSeconds(30))
        .load();
  }

  @AfterEach
  void noHook() {
    EngineHooks.beforeClaimJudged(null);
  }

  /**
   * Item 1, deterministic: the waiter has read the claim, and before it judges it the claimant
   * finishes and releases everything. The waiter must see success, never "no longer running".
   */
  @Test
  void aClaimantThatFinishesBetweenTheReadAndTheJudgementIsNeverCalledDead() throws Exception {
    strata("setup", V1).migrate();
    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MigrationDescriptor outside =
        java(
            2,
            "outside",
            false,
            ctx -> {
              claimed.countDown();
              assertTrue(release.await(30, TimeUnit.SECONDS));
              ctx.execute("INSERT INTO part (id) VALUES (2)");
            });
    CompletableFuture<MigrateResult> claimant =
        CompletableFuture.supplyAsync(() -> strata("claimant", V1, outside).migrate());
    assertTrue(claimed.await(30, TimeUnit.SECONDS));

    AtomicReference<Integer> hooked = new AtomicReference<>(0);
    EngineHooks.beforeClaimJudged(
        version -> {
          hooked.set(hooked.get() + 1);
          if (hooked.get() == 1) {
            release.countDown();
            claimant.join(); // finished and recorded: its claim lock is free again
          }
        });
    MigrateResult waiter = strata("waiter", V1, outside).migrate();

    assertEquals(1, hooked.get(), "the waiter judged the stale read exactly once");
    assertEquals(0, waiter.appliedCount());
    assertEquals(1, claimant.get().appliedCount());
    assertEquals(List.of("2"), Db.column(db(), "SELECT id FROM part"));
  }

  /**
   * Item 3: a claim that names a live process (here this very JVM, pid and start time right) but
   * whose lock nobody holds is dead: a reused pid, or one from another pid namespace, proves
   * nothing. The pid judgement alone would have waited out the lock timeout.
   */
  @Test
  void aClaimNamingALivePidWithoutItsLockIsDeadAtOnce() {
    strata("setup", V1).migrate();
    String tag = Claimant.tag("ghost");
    assertTrue(!Claimant.isDead(tag), "the pid judgement calls it alive");
    Db.exec(
        db(),
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success, state) VALUES (2, 'outside', 'JAVA', 'x',"
            + " '2026-01-01T00:00:00Z', '"
            + tag
            + "', 0, 0, 'RUNNING')");
    MigrationDescriptor outside = java(2, "outside", false, ctx -> ctx.execute("SELECT 1"));
    Strata strata =
        Strata.configure()
            .url(Db.url(db()))
            .registry(registry(V1, outside))
            .lockTimeout(Duration.ofMinutes(10))
            .load();

    long start = System.nanoTime();
    MigrationException e = assertThrows(MigrationException.class, strata::migrate);
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
    assertTrue(
        e.getMessage().contains(", and that process is no longer running: check what"),
        e.getMessage());
    assertEquals(MigrationState.FAILED, strata.info().migrations().get(1).state());
  }

  /** Item 4: recording a successful step fails; the error says the claim stays and what to do. */
  @Test
  void aFailureToRecordSuccessSaysTheClaimRemainsAndWhatToDo() {
    strata("setup", V1).migrate();
    Db.exec(
        db(),
        "CREATE TRIGGER full_disk BEFORE UPDATE ON strata_history BEGIN"
            + " SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END");
    MigrationDescriptor outside =
        java(2, "outside", false, ctx -> ctx.execute("INSERT INTO part (id) VALUES (2)"));

    MigrationException e =
        assertThrows(MigrationException.class, () -> strata("tester", V1, outside).migrate());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Migration 2 (outside) ran to its end outside a transaction, but recording its"
                    + " success in strata_history failed: database or disk is full (simulated)."
                    + " Its claim remains there as an unfinished row"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "then mark it applied (UPDATE strata_history SET success = 1, state = 'APPLIED'"
                    + " WHERE version = 2)."),
        e.getMessage());
    assertEquals(List.of("1:1", "2:0"), history());
  }

  /** Item 4: recording a failed step fails too; the error says the claim stays and what to do. */
  @Test
  void aFailureToRecordAFailureSaysTheClaimRemainsAndWhatToDo() {
    strata("setup", V1).migrate();
    Db.exec(
        db(),
        "CREATE TRIGGER full_disk BEFORE UPDATE ON strata_history BEGIN"
            + " SELECT RAISE(ABORT, 'database or disk is full (simulated)'); END");
    MigrationDescriptor outside =
        java(
            2,
            "outside",
            false,
            ctx -> ctx.execute("INSERT INTO part (id) VALUES (2); INSERT INTO nowhere VALUES (1)"));

    MigrationException e =
        assertThrows(MigrationException.class, () -> strata("tester", V1, outside).migrate());
    assertTrue(
        e.getMessage()
            .contains(
                "Recording the failure in strata_history failed too (database or disk is full"
                    + " (simulated)), so its claim remains there as an unfinished row"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("1 statement it ran through MigrationContext.execute/update"),
        e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith("then delete its row (DELETE FROM strata_history WHERE version = 2)."),
        e.getMessage());
    assertEquals(List.of("1:1", "2:0"), history());
    // Later runs know the claimant is gone at once, and say what to do.
    MigrationException later =
        assertThrows(MigrationException.class, () -> strata("tester", V1, outside).migrate());
    assertTrue(later.getMessage().contains("no longer running"), later.getMessage());
  }

  /** Item 2 in one process: an SQL step counts what it committed of its statements. */
  @Test
  void aFailedSqlStepSaysWhichOfItsStatementsWereCommitted() {
    MigrationDescriptor outside =
        new MigrationDescriptor(
            2,
            "three statements",
            MigrationType.SQL,
            "sha256:x",
            false,
            false,
            true,
            false,
            "test.V2",
            () ->
                new SqlMigration(
                    List.of(
                        "INSERT INTO part (id) VALUES (1)",
                        "INSERT INTO part (id) VALUES (2)",
                        "INSERT INTO nowhere VALUES (3)"),
                    List.of()));
    MigrationException e =
        assertThrows(MigrationException.class, () -> strata("tester", V1, outside).migrate());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Migration 2 (three statements) failed at statement 3 of up: INSERT INTO nowhere"
                    + " VALUES (3)\nCause: no such table: nowhere\nIt ran outside a transaction"
                    + " (transactional = false), so nothing rolled it back: statements 1-2 of 3"
                    + " were committed. It is recorded as FAILED in strata_history"),
        e.getMessage());
    ValidateResult validate = strata("tester", V1, outside).validate();
    assertTrue(validate.render().contains("statements 1-2 of 3 were committed"), validate.render());
  }

  private List<String> history() {
    return Db.column(db(), "SELECT version || ':' || success FROM strata_history ORDER BY version");
  }
}
