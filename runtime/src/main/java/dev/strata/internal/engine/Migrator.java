package dev.strata.internal.engine;

import dev.strata.MigrateResult;
import dev.strata.MigrationContext;
import dev.strata.MigrationException;
import dev.strata.MigrationInfo;
import dev.strata.MigrationState;
import dev.strata.ValidateResult;
import dev.strata.ValidationException;
import dev.strata.ValidationIssue;
import dev.strata.internal.history.Claimant;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.history.Ledger;
import dev.strata.internal.sqlite.Busy;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.SqliteMessages;
import dev.strata.sql.SqliteSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps of one {@link dev.strata.Strata#migrate()} call on one connection.
 *
 * <p>Exactly-once: a step whose history row is missing takes SQLite's write lock with {@code BEGIN
 * IMMEDIATE}, re-reads the row under that lock, and skips the step if another caller applied it
 * meanwhile. A transactional step then runs and inserts its history row in that same transaction,
 * so the migration and its record commit or roll back together. A step already recorded as
 * successful is skipped without taking the lock: such a row is final.
 *
 * <p>A step with {@code transactional = false} (for statements SQLite refuses inside a transaction,
 * such as {@code VACUUM}) is claimed instead: an unfinished row ({@code success = 0}) is committed
 * under the lock, the migration runs in auto-commit mode, and the row is then marked successful.
 * Other callers see the claim and wait, up to the lock timeout, rather than overtake it; they fail
 * at once when the claim provably names a dead process of their own process table ({@link
 * Claimant}). If the step fails, its claim is deleted so that the fixed migration runs again;
 * whatever it changed before failing stays, since nothing can roll it back. A claim shows as {@link
 * MigrationState#RUNNING}, or as {@link MigrationState#FAILED} once its process is known dead.
 *
 * <p>A step with {@code foreignKeys = false} is a table rebuild, run after SQLite's documented
 * procedure ({@link ForeignKeyEnforcement}): {@code PRAGMA foreign_keys = OFF} before {@code BEGIN
 * IMMEDIATE} (read back, since SQLite ignores it inside a transaction), then the same lock,
 * re-read, run and record as any step, with {@code PRAGMA foreign_key_check} after the migration
 * and before its history row (a violation fails the step, which rolls back), and {@code PRAGMA
 * foreign_keys = ON} once the transaction has ended, whatever happened. A non-transactional rebuild
 * runs with enforcement off too, and is checked after it ran; a violation then fails it like any
 * other error of such a step, with its changes left in place.
 *
 * <p>The listener never throws: {@link Listeners} logs and skips what a listener throws.
 *
 * <p>Any {@link Throwable} from a migration fails its step: the step is rolled back (or its claim
 * released) and the listener told. Errors are wrapped in a {@link MigrationException} that names
 * the step, except the virtual machine's own ({@code OutOfMemoryError}, ...), which are rethrown as
 * they are; a {@code StackOverflowError} has unwound by then, so it is wrapped like the rest.
 */
final class Migrator {
  private static final System.Logger LOG = System.getLogger("dev.strata");
  private static final long CLAIM_POLL_MS = 50;
  private static final String CLAIM_ADVICE =
      "check what the migration did, then delete its " + HistoryTable.NAME + " row.";

  /**
   * Set after BEGIN IMMEDIATE and released before the history insert: proof the transaction held.
   */
  private static final String STEP_SAVEPOINT = "strata_step";

  private final Settings settings;
  private final Connection connection;
  private final HistoryTable history;

  Migrator(Settings settings, Connection connection) {
    this.settings = settings;
    this.connection = connection;
    this.history = new HistoryTable(connection);
  }

  /** Steps through the pending migrations; the history table exists. */
  MigrateResult run() throws SQLException {
    // A snapshot to plan from; each step checks again under the lock.
    Ledger ledger = new Ledger(settings.migrations(), unlocked(history::rows));
    long initial = ledger.head();
    List<ValidationIssue> refusals =
        ledger.issues(settings.outOfOrder()).stream()
            .filter(issue -> issue.kind() != ValidationIssue.Kind.FAILED_MIGRATION)
            .toList();
    if (!refusals.isEmpty()) {
      throw new ValidationException(new ValidateResult(refusals));
    }
    long start = System.nanoTime();
    List<MigrationInfo> applied = new ArrayList<>();
    for (MigrationDescriptor migration : ledger.unapplied()) {
      step(migration).ifPresent(applied::add);
    }
    MigrateResult result = new MigrateResult(initial, unlocked(history::head), applied, false);
    if (!applied.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          () ->
              "Applied "
                  + applied.size()
                  + " migration(s), version "
                  + result.initialVersion()
                  + " -> "
                  + result.currentVersion()
                  + ", in "
                  + millisSince(start)
                  + " ms");
    }
    return result;
  }

  /** Applies one migration unless another caller did; returns what this caller applied. */
  private Optional<MigrationInfo> step(MigrationDescriptor migration) throws SQLException {
    long deadline = System.nanoTime() + settings.lockTimeout().toNanos();
    while (true) {
      // Look without the lock first: a finished row is final, and waiting on an unfinished claim
      // must not take the lock that the claimant's own statements need.
      Optional<HistoryRow> seen = unlocked(() -> history.find(migration.version()));
      if (seen.isEmpty()) {
        // A table rebuild: SQLite ignores PRAGMA foreign_keys inside a transaction, so enforcement
        // goes off before the lock's BEGIN IMMEDIATE and comes back on after its COMMIT or
        // ROLLBACK. The protocol in between is the same as for every other step.
        boolean rebuild = !migration.foreignKeys();
        if (rebuild) {
          ForeignKeyEnforcement.off(connection, migration, settings.lockTimeout());
        }
        Throwable failure = null;
        try (HistoryLock lock =
            HistoryLock.take(
                connection, remaining(deadline), "the write lock to apply " + named(migration))) {
          seen = lock.history().find(migration.version());
          if (seen.isEmpty()) {
            long head = lock.history().head();
            if (migration.version() < head && !settings.outOfOrder()) {
              throw new ValidationException(
                  new ValidateResult(List.of(Ledger.outOfOrder(migration, head))));
            }
            return Optional.of(
                migration.transactional()
                    ? runInside(migration, lock)
                    : runOutside(migration, lock));
          }
        } catch (Throwable e) {
          failure = e;
          throw e;
        } finally {
          if (rebuild) {
            ForeignKeyEnforcement.restore(connection, migration, settings.lockTimeout(), failure);
          }
        }
      }
      HistoryRow row = seen.get();
      if (row.success()) {
        return Optional.empty();
      }
      // Another caller runs this step outside a transaction: wait for it to finish.
      if (Claimant.isDead(row.installedBy())) {
        // The claimant may have finished the step and exited after the look above: judge the row
        // as it is now that no one can change it any more, never the earlier look.
        Optional<HistoryRow> now = unlocked(() -> history.find(migration.version()));
        if (now.equals(seen)) {
          throw unfinished(
              migration, row, ", and that process is no longer running: " + CLAIM_ADVICE);
        }
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw unfinished(
            migration,
            row,
            " and not finished within lockTimeout, "
                + LockTimeout.seconds(settings.lockTimeout())
                + ". If it is still running, "
                + LockTimeout.ADVICE
                + "; if that process died, "
                + CLAIM_ADVICE);
      }
      Busy.sleep(CLAIM_POLL_MS);
    }
  }

  private static MigrationException unfinished(
      MigrationDescriptor migration, HistoryRow row, String why) {
    return new MigrationException(
        migration.version(),
        migration.description(),
        "started outside a transaction by " + row.installedBy() + " at " + row.installedOn() + why);
  }

  /** A read outside the write lock; WAL readers rarely meet SQLITE_BUSY, but can (recovery). */
  private <T> T unlocked(Busy.Call<T> read) throws SQLException {
    return Busy.retry(connection, "a read of " + HistoryTable.NAME, settings.lockTimeout(), read);
  }

  /** What is left of a step's wait: lockTimeout bounds all of it, claims and lock together. */
  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  private static String named(MigrationDescriptor migration) {
    return "migration " + migration.version() + " (" + migration.description() + ")";
  }

  private MigrationInfo runInside(MigrationDescriptor migration, HistoryLock lock)
      throws SQLException {
    settings.listeners().started(migration);
    long start = System.nanoTime();
    Duration elapsed;
    StepContext ctx = new StepContext(connection, migration, settings.lockTimeout());
    try {
      execute("SAVEPOINT " + STEP_SAVEPOINT);
      StepTimer.run(
          connection, migration, settings.stepTimeout(), () -> migration.factory().get().up(ctx));
      releaseStepSavepoint(migration);
      if (!migration.foreignKeys()) {
        // Inside the transaction: a violation rolls back the step and leaves no history row.
        Optional<MigrationException> violation =
            ForeignKeyEnforcement.violation(connection, migration, true);
        if (violation.isPresent()) {
          throw violation.get();
        }
      }
      elapsed = Duration.ofNanos(System.nanoTime() - start);
      lock.insert(migration, settings.installedBy(), elapsed.toMillis(), true);
      lock.commit();
    } catch (Throwable e) {
      rollback(lock, e);
      rethrowIfFatal(e);
      throw failed(migration, failure(migration, ctx, e), start);
    }
    return finished(migration, elapsed);
  }

  /**
   * Fails the step if the migration ended the engine's transaction, for instance with a COMMIT on
   * {@link MigrationContext#connection()}: the savepoint went with it, and the history row would no
   * longer commit together with the migration.
   */
  private void releaseStepSavepoint(MigrationDescriptor migration) throws SQLException {
    try {
      execute("RELEASE " + STEP_SAVEPOINT);
    } catch (SQLException e) {
      throw new MigrationException(
          migration.version(),
          migration.description(),
          "ended the step's transaction ("
              + SqliteMessages.of(e)
              + "); what it ran after that may already be committed, with no history row. Leave the"
              + " transaction to the engine, or declare the migration with transactional = false.");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private MigrationInfo runOutside(MigrationDescriptor migration, HistoryLock claim)
      throws SQLException {
    claim.insert(migration, Claimant.tag(settings.installedBy()), 0, false);
    claim.commit();
    settings.listeners().started(migration);
    long start = System.nanoTime();
    StepContext ctx = new StepContext(connection, migration, settings.lockTimeout());
    try {
      StepTimer.run(
          connection, migration, settings.stepTimeout(), () -> migration.factory().get().up(ctx));
      if (!migration.foreignKeys()) {
        // Nothing can roll the step back; the check still keeps a broken rebuild from counting as
        // applied.
        Optional<MigrationException> violation =
            unlocked(() -> ForeignKeyEnforcement.violation(connection, migration, false));
        if (violation.isPresent()) {
          throw violation.get();
        }
      }
      restoreForeignKeys();
    } catch (Throwable e) {
      try {
        restoreForeignKeys();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      try (HistoryLock lock =
          HistoryLock.take(
              connection,
              settings.lockTimeout(),
              "the write lock to release the claim of " + named(migration))) {
        lock.delete(migration.version());
        lock.commit();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      rethrowIfFatal(e);
      throw failed(migration, failure(migration, ctx, e), start);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    try (HistoryLock lock =
        HistoryLock.take(
            connection,
            settings.lockTimeout(),
            "the write lock to record " + named(migration) + " as applied")) {
      lock.markSucceeded(migration.version(), elapsed.toMillis(), settings.installedBy());
      lock.commit();
    }
    return finished(migration, elapsed);
  }

  /**
   * A non-transactional step is where a table rebuild turns {@code foreign_keys} off (it cannot be
   * changed inside a transaction); the steps after it must not inherit that.
   */
  private void restoreForeignKeys() throws SQLException {
    execute(SqliteSettings.foreignKeys(true));
  }

  /**
   * {@code elapsed} is the migration's own time, as recorded in its history row: both say the same.
   */
  private MigrationInfo finished(MigrationDescriptor migration, Duration elapsed)
      throws SQLException {
    // Per step only at DEBUG: listeners report steps, and run() logs one summary.
    LOG.log(
        System.Logger.Level.DEBUG,
        () ->
            "Applied migration "
                + migration.version()
                + " ("
                + migration.description()
                + ") in "
                + elapsed.toMillis()
                + " ms");
    settings.listeners().finished(migration, elapsed);
    return unlocked(() -> history.find(migration.version()))
        .orElseThrow()
        .toInfo(MigrationState.APPLIED);
  }

  /**
   * The step's failure; a MigrationException about this step (a refused statement, ...) is already
   * one.
   */
  private static MigrationException failure(
      MigrationDescriptor migration, StepContext ctx, Throwable cause) {
    if (cause instanceof MigrationException e && e.version() == migration.version()) {
      return e;
    }
    return ctx.failure(cause);
  }

  /** The virtual machine's own errors are not the migration's to report: pass them on unchanged. */
  private static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
      throw fatal;
    }
  }

  private MigrationException failed(
      MigrationDescriptor migration, MigrationException failure, long start) {
    // The exception carries the details; logging them as a warning too would report them twice.
    LOG.log(System.Logger.Level.DEBUG, failure.getMessage());
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    settings.listeners().failed(migration, failure, elapsed);
    return failure;
  }

  private static void rollback(HistoryLock lock, Throwable failure) {
    try {
      lock.close();
    } catch (SQLException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  private static long millisSince(long start) {
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }
}
