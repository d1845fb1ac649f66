package dev.strata.internal.engine;

import dev.strata.IrreversibleMigrationException;
import dev.strata.JavaMigration;
import dev.strata.MigrationException;
import dev.strata.RollbackResult;
import dev.strata.SqlMigration;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.Claimant;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.sqlite.Busy;
import dev.strata.spi.MigrationDescriptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The steps of one {@link dev.strata.Strata#rollbackTo} call. Each step goes through the engine's
 * one write path: take the write lock ({@code BEGIN IMMEDIATE}), re-read the history, run the
 * highest applied migration's {@code down}, delete its row, commit. A concurrent {@code migrate()}
 * steps under the same lock, so the two never interleave their steps.
 *
 * <p>A step with {@code transactional = false} cannot run its {@code down} inside the lock's
 * transaction, so it is claimed as {@code migrate()} claims its up ({@link OutsideStep}): under the
 * lock its row turns unfinished ({@link HistoryRow#rollback()}), the down runs in auto-commit mode,
 * and the row is deleted under the lock afterwards. Meanwhile no caller counts the step as applied
 * or builds on it: {@code migrate()} and other rollbacks wait for the claim, as for a running up. A
 * failed down leaves the row FAILED with what it committed; a claimant that dies part-way leaves it
 * unfinished, which the next caller reports at once. Either way the step is neither applied nor
 * rolled back until someone has looked.
 */
final class Rollback {
  private static final System.Logger LOG = System.getLogger("dev.strata");
  private static final String STEP_SAVEPOINT = "strata_step";

  /** What a rollback would do, planned from one read of the history. */
  record Plan(long initialVersion, List<MigrationDescriptor> steps) {}

  private final Settings settings;
  private final Connection connection;

  Rollback(Settings settings, Connection connection) {
    this.settings = settings;
    this.connection = connection;
  }

  /**
   * The steps above {@code target}, highest first. A step another caller runs outside a transaction
   * (up or down) counts as a step: the rollback waits for it. One recorded FAILED, or in {@code
   * deadClaims} (its claimant died), is refused.
   *
   * @throws IrreversibleMigrationException naming every step in range that cannot be rolled back
   */
  static Plan plan(
      List<MigrationDescriptor> registry,
      List<HistoryRow> rows,
      long target,
      Set<Long> deadClaims) {
    Map<Long, MigrationDescriptor> byVersion =
        registry.stream().collect(Collectors.toMap(MigrationDescriptor::version, m -> m));
    List<String> problems = new ArrayList<>();
    List<MigrationDescriptor> steps = new ArrayList<>();
    for (HistoryRow row : inRange(rows, target)) {
      MigrationDescriptor m = byVersion.get(row.version());
      String name = "migration " + row.version() + " (" + row.description() + ")";
      if (m == null) {
        problems.add(name + " is applied but no longer registered, so it has no down to run");
      } else if (row.recordedFailed() || deadClaims.contains(row.version())) {
        problems.add(
            name
                + (row.rollback() ? " was being rolled back and" : "")
                + " is failed or unfinished in "
                + HistoryTable.NAME
                + "; repair it first");
      } else if (!hasDown(m)) {
        problems.add(
            name
                + (m.transactional()
                    ? " is irreversible: it has no down"
                    : " is non-transactional (transactional = false) and has no down"));
      } else {
        steps.add(m);
      }
    }
    if (!problems.isEmpty()) {
      throw new IrreversibleMigrationException(
          "Cannot roll back to version "
              + target
              + "; nothing was changed. "
              + problems.size()
              + " step(s) in range cannot be rolled back:\n  - "
              + String.join("\n  - ", problems));
    }
    long initial =
        rows.stream().filter(HistoryRow::success).mapToLong(HistoryRow::version).max().orElse(0);
    return new Plan(initial, steps);
  }

  /** The rows above {@code target}, highest first. */
  private static List<HistoryRow> inRange(List<HistoryRow> rows, long target) {
    return rows.stream()
        .filter(row -> row.version() > target)
        .sorted(Comparator.comparingLong(HistoryRow::version).reversed())
        .toList();
  }

  private static boolean hasDown(MigrationDescriptor m) {
    if (!m.reversible()) {
      return false;
    }
    JavaMigration instance = m.factory().get();
    return !(instance instanceof SqlMigration sql) || !sql.downStatements().isEmpty();
  }

  /** The public form of a planned step, with its down SQL where the migration is SQL-form. */
  static RollbackResult.Step describe(MigrationDescriptor m) {
    Optional<List<String>> sql =
        m.factory().get() instanceof SqlMigration s
            ? Optional.of(s.downStatements())
            : Optional.empty();
    return new RollbackResult.Step(m.version(), m.description(), sql);
  }

  /** Runs the steps; the plan was checked already, and each step checks again under the lock. */
  List<RollbackResult.Step> run(long target) throws SQLException {
    List<RollbackResult.Step> done = new ArrayList<>();
    ClaimWait wait = null;
    while (true) {
      // A look without the lock, to know whether the step is a table rebuild (foreign keys go off
      // before BEGIN IMMEDIATE), and to wait for a claim without holding the lock its claimant
      // needs; the lock's re-read decides.
      List<HistoryRow> rows = unlocked(() -> new HistoryTable(connection).rows());
      Optional<HistoryRow> top = inRange(rows, target).stream().findFirst();
      if (top.isEmpty()) {
        return done;
      }
      MigrationDescriptor m = plan(settings.migrations(), rows, target, Set.of()).steps().get(0);
      if (wait == null || wait.version() != m.version()) {
        wait = new ClaimWait(settings, connection, m);
      }
      if (!top.get().success()) {
        wait.pass(top.get()); // another caller runs its up or down outside a transaction
        continue;
      }
      if (step(m, target, wait)) {
        done.add(describe(m));
        wait = null;
      }
    }
  }

  /** False when the lock's re-read found another head than {@code m}: look again. */
  private boolean step(MigrationDescriptor m, long target, ClaimWait wait) throws SQLException {
    boolean rebuild = !m.foreignKeys();
    if (rebuild) {
      ForeignKeyEnforcement.off(connection, m, settings.lockTimeout());
    }
    Throwable failure = null;
    try (HistoryLock lock =
        HistoryLock.take(
            connection,
            wait.remaining(),
            "the write lock to roll back migration "
                + m.version()
                + " ("
                + m.description()
                + ")")) {
      Optional<HistoryRow> now = inRange(lock.history().rows(), target).stream().findFirst();
      if (now.isEmpty() || now.get().version() != m.version() || !now.get().success()) {
        return false;
      }
      if (m.transactional()) {
        runInside(m, lock);
      } else {
        ClaimLock claimLock =
            OutsideStep.claim(
                connection,
                settings,
                m,
                lock,
                outcome -> lock.claimRollback(m, Claimant.tag(settings.installedBy()), outcome));
        try (claimLock) {
          runClaimed(m);
        }
      }
      return true;
    } catch (Throwable e) {
      failure = e;
      throw e;
    } finally {
      if (rebuild) {
        ForeignKeyEnforcement.restore(connection, m, settings.lockTimeout(), failure);
      }
    }
  }

  private void runInside(MigrationDescriptor m, HistoryLock lock) throws SQLException {
    long start = System.nanoTime();
    StepContext ctx = new StepContext(connection, m, settings.lockTimeout());
    try {
      execute("SAVEPOINT " + STEP_SAVEPOINT);
      ctx.watchTransaction();
      try {
        StepTimer.run(
            connection, m, ctx, settings.stepTimeout(), () -> m.factory().get().down(ctx));
      } finally {
        ctx.unwatchTransaction();
      }
      ctx.throwIfRefused();
      execute("RELEASE " + STEP_SAVEPOINT);
      if (!m.foreignKeys()) {
        Optional<MigrationException> violation =
            ForeignKeyEnforcement.violation(connection, m, true);
        if (violation.isPresent()) {
          throw violation.get();
        }
      }
      lock.delete(m.version());
      lock.commit();
    } catch (Throwable e) {
      try {
        lock.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
        throw fatal;
      }
      throw downFailed(m, ctx, e, "it was rolled back, and the database stays at its version");
    }
    logged(m, start);
  }

  /** The down of a claimed step, in auto-commit mode; its outcome is recorded before it returns. */
  private void runClaimed(MigrationDescriptor m) throws SQLException {
    long start = System.nanoTime();
    StepContext ctx = new StepContext(connection, m, settings.lockTimeout());
    JavaMigration instance = m.factory().get();
    int statements = instance instanceof SqlMigration sql ? sql.downStatements().size() : -1;
    try {
      OutsideStep.run(connection, settings, m, ctx, () -> instance.down(ctx));
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
        throw fatal;
      }
      MigrationException failure =
          downFailed(m, ctx, e, "it ran outside a transaction (transactional = false)");
      String recorded =
          failure.getMessage()
              + "\nNothing rolled the down back: "
              + ctx.committed(statements)
              + ". The migration is now neither applied nor rolled back, and is recorded as"
              + " FAILED in "
              + HistoryTable.NAME
              + ": migrate() and rollbackTo() refuse to go on until someone has looked. Finish"
              + " the down by hand, then delete its row ("
              + OutsideStep.deleteRow(m)
              + "), and migrate() applies it again when asked; or undo what the down did and"
              + " mark it applied again (UPDATE "
              + HistoryTable.NAME
              + " SET success = 1, state = 'APPLIED', failure = NULL WHERE version = "
              + m.version()
              + ").";
      Optional<Exception> notRecorded =
          OutsideStep.record(
              connection,
              settings,
              "the write lock to record the failed rollback of migration " + m.version(),
              lock ->
                  lock.markFailed(m.version(), millis(start), settings.installedBy(), recorded));
      notRecorded.ifPresent(e::addSuppressed);
      throw MigrationException.recorded(
          m.version(),
          m.description(),
          notRecorded.isEmpty()
              ? recorded
              : recorded
                  + "\nRecording that failed too ("
                  + OutsideStep.reason(notRecorded.get())
                  + "), so the row remains unfinished, and later runs report its rollback as"
                  + " abandoned. Free what caused that (disk space, permissions) first.",
          failure);
    }
    Optional<Exception> notRecorded =
        OutsideStep.record(
            connection,
            settings,
            "the write lock to record the rollback of migration " + m.version(),
            lock -> lock.delete(m.version()));
    if (notRecorded.isPresent()) {
      throw MigrationException.recorded(
          m.version(),
          m.description(),
          "Rollback of migration "
              + m.version()
              + " ("
              + m.description()
              + "): its down ran to its end outside a transaction, but deleting its row from "
              + HistoryTable.NAME
              + " failed: "
              + OutsideStep.reason(notRecorded.get())
              + ". The row remains unfinished, and later runs report its rollback as abandoned."
              + " Everything the down did is done: free what caused the failure (disk space,"
              + " permissions), then delete the row ("
              + OutsideStep.deleteRow(m)
              + ").",
          notRecorded.get());
    }
    logged(m, start);
  }

  private static long millis(long start) {
    return Duration.ofNanos(System.nanoTime() - start).toMillis();
  }

  private static MigrationException downFailed(
      MigrationDescriptor m, StepContext ctx, Throwable e, String outcome) {
    MigrationException failure =
        e instanceof MigrationException me && me.version() == m.version() ? me : ctx.failure(e);
    return MigrationException.recorded(
        m.version(),
        m.description(),
        "Rollback of migration "
            + m.version()
            + " ("
            + m.description()
            + "): its down failed; "
            + outcome
            + ". "
            + failure.getMessage(),
        failure);
  }

  private static void logged(MigrationDescriptor m, long start) {
    LOG.log(
        System.Logger.Level.INFO,
        () ->
            "Rolled back migration "
                + m.version()
                + " ("
                + m.description()
                + ") in "
                + Duration.ofNanos(System.nanoTime() - start).toMillis()
                + " ms");
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private <T> T unlocked(Busy.Call<T> read) throws SQLException {
    return Busy.retry(connection, "a read of " + HistoryTable.NAME, settings.lockTimeout(), read);
  }
}
