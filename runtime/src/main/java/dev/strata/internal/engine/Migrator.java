package dev.strata.internal.engine;

import dev.strata.JavaMigration;
import dev.strata.MigrateResult;
import dev.strata.MigrationContext;
import dev.strata.MigrationException;
import dev.strata.MigrationInfo;
import dev.strata.MigrationState;
import dev.strata.SqlMigration;
import dev.strata.ValidateResult;
import dev.strata.ValidationException;
import dev.strata.ValidationIssue;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.Claimant;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.history.Ledger;
import dev.strata.internal.sqlite.Busy;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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
 * Other callers see the claim and wait, up to the lock timeout, rather than overtake it, logging at
 * INFO every few seconds whom they wait for. The claimant holds an OS file lock ({@link ClaimLock})
 * from before its claim commits until the step's outcome is committed; a caller that can take that
 * lock while the claim row, read again, is still unfinished knows the claimant died and fails at
 * once (claims of earlier builds are judged by pid, {@link Claimant}). If the step fails, its row
 * is marked FAILED with what was already committed, which nothing can roll back: every waiting
 * caller reports that same failure, and later runs refuse until a user has looked and deleted the
 * row. A claim shows as {@link MigrationState#RUNNING}, and as {@link MigrationState#FAILED} once
 * it failed or its process is known dead.
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
    List<ValidationIssue> refusals = refusals(ledger, settings.outOfOrder());
    if (!refusals.isEmpty()) {
      throw new ValidationException(new ValidateResult(refusals));
    }
    long start = System.nanoTime();
    List<MigrationInfo> applied = new ArrayList<>();
    List<MigrationDescriptor> plan = ledger.unapplied();
    boolean appliedLast = false;
    for (int i = 0; i < plan.size(); i++) {
      MigrationDescriptor migration = plan.get(i);
      if (migration.version() > settings.target()) {
        break; // in version order: the rest lies beyond the target too
      }
      try {
        Optional<MigrationInfo> step = step(migration, !appliedLast);
        step.ifPresent(applied::add);
        appliedLast = step.isPresent();
      } catch (Replan e) {
        // A concurrent rollback removed an earlier step: plan again from the history as it is.
        plan = new Ledger(settings.migrations(), unlocked(history::rows)).unapplied();
        i = -1;
        appliedLast = false;
      }
    }
    if (settings.reachesHead()) {
      applied.addAll(new Repeatables(settings, connection).run());
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

  /**
   * What migrate refuses to start on; EngineCommands asks first on a read-only connection, so that
   * a refused migrate writes nothing.
   */
  static List<ValidationIssue> refusals(Ledger ledger, boolean outOfOrder) {
    List<ValidationIssue> refusals = new ArrayList<>();
    for (ValidationIssue issue : ledger.issues(outOfOrder)) {
      if (issue.kind() != ValidationIssue.Kind.FAILED_MIGRATION) {
        refusals.add(issue);
      }
    }
    return refusals;
  }

  /**
   * Applies one migration unless another caller did; returns what this caller applied. Without
   * {@code lookFirst} (this caller just applied the step before, so it is most likely the one
   * applying this one too) the first attempt goes straight to the lock and its re-read, which
   * decide in every case; the look without the lock only spares the lock when another caller got
   * there first.
   */
  private Optional<MigrationInfo> step(MigrationDescriptor migration, boolean lookFirst)
      throws SQLException {
    ClaimWait wait = new ClaimWait(settings, connection, migration);
    boolean look = lookFirst;
    while (true) {
      // Look without the lock first: a finished row is final, and waiting on an unfinished claim
      // must not take the lock that the claimant's own statements need.
      Optional<HistoryRow> seen =
          look ? unlocked(() -> history.find(migration.version())) : Optional.empty();
      look = true;
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
                connection, wait.remaining(), "the write lock to apply " + named(migration))) {
          Optional<MigrationDescriptor> before = predecessor(migration);
          HistoryTable.StepRows found =
              lock.history().findWithHead(migration.version(), before.orElse(migration).version());
          Map<Long, HistoryRow> rows = found.rows();
          seen = Optional.ofNullable(rows.get(migration.version()));
          if (seen.isEmpty()) {
            if (before.isPresent()
                && !Optional.ofNullable(rows.get(before.get().version()))
                    .map(HistoryRow::success)
                    .orElse(false)) {
              throw new Replan();
            }
            long head = found.head();
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
      if (row.recordedFailed()) {
        // Final until a user deletes the row: report the claimant's own failure.
        throw MigrationException.recorded(
            migration.version(), migration.description(), row.failure());
      }
      // Another caller runs this step (or its down) outside a transaction: wait for it to end.
      wait.pass(row);
    }
  }

  /** The registered migration just below {@code migration}, if any. */
  private Optional<MigrationDescriptor> predecessor(MigrationDescriptor migration) {
    // The registry is in ascending version order (Settings checks): search, do not scan.
    List<MigrationDescriptor> all = settings.migrations();
    int low = 0;
    int high = all.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (all.get(middle).version() < migration.version()) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low == 0 ? Optional.empty() : Optional.of(all.get(low - 1));
  }

  /**
   * Under the lock, the step below this one is no longer applied (a concurrent rollback removed it,
   * or runs its down outside a transaction): applying this one now would leave a gap, or build on a
   * half-removed step, so the caller plans again.
   */
  private static final class Replan extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Replan() {
      super(null, null, false, false);
    }
  }

  /** A read outside the write lock; WAL readers rarely meet SQLITE_BUSY, but can (recovery). */
  private <T> T unlocked(Busy.Call<T> read) throws SQLException {
    return Busy.retry(connection, "a read of " + HistoryTable.NAME, settings.lockTimeout(), read);
  }

  private static String named(MigrationDescriptor migration) {
    return "migration " + migration.version() + " (" + migration.description() + ")";
  }

  private MigrationInfo runInside(MigrationDescriptor migration, HistoryLock lock)
      throws SQLException {
    settings.listeners().started(migration);
    long start = System.nanoTime();
    Duration elapsed;
    MigrationInfo recorded;
    StepContext ctx = new StepContext(connection, migration, settings.lockTimeout());
    try {
      execute("SAVEPOINT " + STEP_SAVEPOINT);
      ctx.watchTransaction();
      try {
        StepTimer.run(
            connection,
            migration,
            ctx,
            settings.stepTimeout(),
            () -> migration.factory().get().up(ctx));
      } finally {
        ctx.unwatchTransaction();
      }
      ctx.throwIfRefused();
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
      // The info of the row just inserted, from what it holds: no read back needed.
      recorded =
          new MigrationInfo(
              migration.version(),
              migration.description(),
              migration.type(),
              migration.checksum(),
              MigrationState.APPLIED,
              Optional.of(lock.insert(migration, settings.installedBy(), elapsed.toMillis(), true)),
              Optional.of(settings.installedBy()),
              OptionalLong.of(elapsed.toMillis()));
      lock.commit();
    } catch (Throwable e) {
      rollback(lock, e);
      rethrowIfFatal(e);
      throw failed(migration, failure(migration, ctx, e), start);
    }
    return finished(migration, elapsed, recorded);
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
              + Dialect.message(e)
              + "); what it ran after that may already be committed, with no history row. Leave the"
              + " transaction to the engine, or declare the migration with transactional = false.");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Claims the step (its {@link ClaimLock} first, then its unfinished row), runs it in auto-commit
   * mode, and records the outcome before the claim lock is released: success, or FAILED with what
   * was already committed, which every other caller then reports too.
   */
  private MigrationInfo runOutside(MigrationDescriptor migration, HistoryLock claim)
      throws SQLException {
    ClaimLock claimLock =
        OutsideStep.claim(
            connection,
            settings,
            migration,
            claim,
            outcome ->
                claim.insert(migration, Claimant.tag(settings.installedBy()), 0, false, outcome));
    try (claimLock) {
      return runClaimed(migration);
    }
  }

  private MigrationInfo runClaimed(MigrationDescriptor migration) throws SQLException {
    settings.listeners().started(migration);
    long start = System.nanoTime();
    StepContext ctx = new StepContext(connection, migration, settings.lockTimeout());
    int statements = -1;
    try {
      JavaMigration instance = migration.factory().get();
      statements = instance instanceof SqlMigration sql ? sql.upCount() : -1;
      OutsideStep.run(connection, settings, migration, ctx, () -> instance.up(ctx));
    } catch (Throwable e) {
      MigrationException failure = failure(migration, ctx, e);
      String recorded =
          failure.getMessage()
              + "\nIt ran outside a transaction (transactional = false), so nothing rolled it"
              + " back: "
              + ctx.committed(statements)
              + ". It is recorded as FAILED in "
              + HistoryTable.NAME
              + ", and migrate() refuses to go on until someone has looked: check what it"
              + " changed, repair or finish that by hand, then delete its row ("
              + OutsideStep.deleteRow(migration)
              + ") to let migrate() run the fixed migration again.";
      Optional<Exception> notRecorded =
          OutsideStep.record(
              connection,
              settings,
              "the write lock to record the failure of " + named(migration),
              lock ->
                  lock.markFailed(
                      migration.version(), millisSince(start), settings.installedBy(), recorded));
      notRecorded.ifPresent(e::addSuppressed);
      MigrationException reported =
          MigrationException.recorded(
              migration.version(),
              migration.description(),
              notRecorded.isEmpty()
                  ? recorded
                  : failure.getMessage()
                      + "\nIt ran outside a transaction (transactional = false): "
                      + ctx.committed(statements)
                      + ". Recording the failure in "
                      + HistoryTable.NAME
                      + " failed too ("
                      + OutsideStep.reason(notRecorded.get())
                      + "), so its claim remains there as an unfinished row that later runs will"
                      + " report as abandoned. Free what caused that (disk space, permissions),"
                      + " check what the migration changed, then delete its row ("
                      + OutsideStep.deleteRow(migration)
                      + ").",
              failure);
      rethrowIfFatal(e);
      throw failed(migration, reported, start);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    // Read under the lock: once it is released, a concurrent rollback may delete the row.
    HistoryRow[] recorded = new HistoryRow[1];
    Optional<Exception> notRecorded =
        OutsideStep.record(
            connection,
            settings,
            "the write lock to record " + named(migration) + " as applied",
            lock -> {
              lock.markSucceeded(migration.version(), elapsed.toMillis(), settings.installedBy());
              recorded[0] = lock.history().find(migration.version()).orElseThrow();
            });
    if (notRecorded.isPresent()) {
      throw failed(
          migration,
          MigrationException.recorded(
              migration.version(),
              migration.description(),
              "Migration "
                  + migration.version()
                  + " ("
                  + migration.description()
                  + ") ran to its end outside a transaction, but recording its success in "
                  + HistoryTable.NAME
                  + " failed: "
                  + OutsideStep.reason(notRecorded.get())
                  + ". Its claim remains there as an unfinished row, which later runs will report"
                  + " as abandoned. Everything the migration did is applied: free what caused the"
                  + " failure (disk space, permissions), then mark it applied (UPDATE "
                  + HistoryTable.NAME
                  + " SET success = 1, state = 'APPLIED' WHERE version = "
                  + migration.version()
                  + ").",
              notRecorded.get()),
          start);
    }
    return finished(migration, elapsed, recorded[0].toInfo(MigrationState.APPLIED));
  }

  /**
   * {@code elapsed} is the migration's own time, as recorded in its history row: both say the same.
   */
  private MigrationInfo finished(
      MigrationDescriptor migration, Duration elapsed, MigrationInfo recorded) {
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
    return recorded;
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
