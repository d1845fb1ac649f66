package dev.strata.internal.engine;

import dev.strata.IrreversibleMigrationException;
import dev.strata.JavaMigration;
import dev.strata.MigrationException;
import dev.strata.RollbackResult;
import dev.strata.SqlMigration;
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
import java.util.stream.Collectors;

/**
 * The steps of one {@link dev.strata.Strata#rollbackTo} call. Each step goes through the engine's
 * one write path: take the write lock ({@code BEGIN IMMEDIATE}), re-read the history, run the
 * highest applied migration's {@code down}, delete its row, commit. A concurrent {@code migrate()}
 * steps under the same lock, so the two never interleave their steps.
 *
 * <p>A step with {@code transactional = false} cannot run its {@code down} inside the lock's
 * transaction: it runs in auto-commit mode after the lock has confirmed that it is still the head,
 * and its row is deleted under the lock afterwards. A failure there leaves its row in place, with
 * what the down already committed.
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
   * The steps above {@code target}, highest first.
   *
   * @throws IrreversibleMigrationException naming every step in range that cannot be rolled back
   */
  static Plan plan(List<MigrationDescriptor> registry, List<HistoryRow> rows, long target) {
    Map<Long, MigrationDescriptor> byVersion =
        registry.stream().collect(Collectors.toMap(MigrationDescriptor::version, m -> m));
    List<HistoryRow> inRange =
        rows.stream()
            .filter(row -> row.version() > target)
            .sorted(Comparator.comparingLong(HistoryRow::version).reversed())
            .toList();
    List<String> problems = new ArrayList<>();
    List<MigrationDescriptor> steps = new ArrayList<>();
    for (HistoryRow row : inRange) {
      MigrationDescriptor m = byVersion.get(row.version());
      String name = "migration " + row.version() + " (" + row.description() + ")";
      if (m == null) {
        problems.add(name + " is applied but no longer registered, so it has no down to run");
      } else if (!row.success()) {
        problems.add(
            name + " is failed or unfinished in " + HistoryTable.NAME + "; repair it first");
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
    long deadline = System.nanoTime() + settings.lockTimeout().toNanos();
    while (true) {
      // A look without the lock, to know whether the step is a table rebuild (foreign keys go off
      // before BEGIN IMMEDIATE); the lock's re-read decides.
      Optional<MigrationDescriptor> candidate =
          head(unlocked(() -> new HistoryTable(connection).rows()), target);
      if (candidate.isEmpty()) {
        return done;
      }
      Optional<Boolean> ran = step(candidate.get(), target, deadline);
      if (ran.isEmpty()) {
        continue; // the history changed between the look and the lock
      }
      if (ran.get()) {
        done.add(describe(candidate.get()));
        deadline = System.nanoTime() + settings.lockTimeout().toNanos();
      }
    }
  }

  /** The next step under the history given: the highest applied version above the target. */
  private Optional<MigrationDescriptor> head(List<HistoryRow> rows, long target) {
    List<MigrationDescriptor> steps = plan(settings.migrations(), rows, target).steps();
    return steps.isEmpty() ? Optional.empty() : Optional.of(steps.get(0));
  }

  /** Empty when the lock's re-read found another head than {@code m}: look again. */
  private Optional<Boolean> step(MigrationDescriptor m, long target, long deadline)
      throws SQLException {
    boolean rebuild = !m.foreignKeys();
    if (rebuild) {
      ForeignKeyEnforcement.off(connection, m, settings.lockTimeout());
    }
    Throwable failure = null;
    try (HistoryLock lock =
        HistoryLock.take(
            connection,
            remaining(deadline),
            "the write lock to roll back migration "
                + m.version()
                + " ("
                + m.description()
                + ")")) {
      Optional<MigrationDescriptor> now = head(lock.history().rows(), target);
      if (now.isEmpty() || now.get().version() != m.version()) {
        return Optional.empty();
      }
      if (!m.transactional()) {
        lock.close(); // nothing written; the down runs in auto-commit mode
        runOutside(m);
        return Optional.of(true);
      }
      runInside(m, lock);
      return Optional.of(true);
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

  private void runOutside(MigrationDescriptor m) throws SQLException {
    long start = System.nanoTime();
    StepContext ctx = new StepContext(connection, m, settings.lockTimeout());
    try {
      StepTimer.run(connection, m, ctx, settings.stepTimeout(), () -> m.factory().get().down(ctx));
    } catch (Throwable e) {
      if (e instanceof VirtualMachineError fatal && !(e instanceof StackOverflowError)) {
        throw fatal;
      }
      throw downFailed(
          m,
          ctx,
          e,
          "it ran outside a transaction (transactional = false), so what it committed stays;"
              + " its history row is kept");
    }
    try (HistoryLock lock =
        HistoryLock.take(
            connection,
            settings.lockTimeout(),
            "the write lock to record the rollback of migration " + m.version())) {
      lock.delete(m.version());
      lock.commit();
    }
    logged(m, start);
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

  private static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }
}
