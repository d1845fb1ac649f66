package dev.strata.internal.engine;

import dev.strata.JavaMigration;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

/**
 * The optional per-step time limit ({@code stepTimeout}). While the step runs, SQLite calls a
 * progress handler every {@value #PROGRESS_STEPS} virtual-machine instructions; once the limit has
 * passed it returns non-zero, and the running statement fails with SQLITE_INTERRUPT. The {@link
 * StepContext} also refuses to start another statement past the limit, which stops a migration that
 * loops over statements too short to reach the handler. Whatever the migration then throws, or if
 * it swallows the failure and returns, the step fails with a {@link StepTimeout}, so a
 * transactional step rolls back without a history row.
 *
 * <p>A progress handler, unlike {@code sqlite3_interrupt}, leaves nothing behind: SQLite keeps an
 * interrupt pending for as long as a statement the migration left open is active, and the engine's
 * own statements after the step would fail with it. The handler is removed before the engine's
 * statements run. Plain Java code that runs no SQL cannot be stopped; it fails when it returns.
 *
 * <p>On PostgreSQL a timer asks the server to cancel the running statement once the limit has
 * passed, and again every {@value #CANCEL_REPEAT_MS} ms until the step returns (a cancel that
 * arrives between two statements cancels nothing); the statement fails with SQLSTATE 57014.
 */
final class StepTimer {
  /** How often, in SQLite virtual-machine instructions, the running statement checks the limit. */
  static final int PROGRESS_STEPS = 100;

  /** The migration's {@code up}, as the engine calls it. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  /** How often, once past the limit, the timer cancels PostgreSQL's running statement again. */
  static final long CANCEL_REPEAT_MS = 100;

  private StepTimer() {}

  /**
   * Runs {@code step} ({@link JavaMigration#up} of {@code migration}, with {@code context}) within
   * {@code limit}; zero means no limit.
   *
   * @throws StepTimeout when the limit passed, with what the migration threw as its cause
   */
  static void run(
      Connection connection,
      MigrationDescriptor migration,
      StepContext context,
      Duration limit,
      Step step)
      throws Exception {
    if (limit.isZero()) {
      step.run();
      return;
    }
    if (Dialect.of(connection) == Dialect.POSTGRESQL) {
      runCancelled(connection, migration, context, limit, step);
      return;
    }
    SQLiteConnection sqlite = sqlite(connection);
    long deadline = System.nanoTime() + limit.toNanos();
    AtomicBoolean stopped = new AtomicBoolean();
    ProgressHandler.setHandler(
        sqlite,
        PROGRESS_STEPS,
        new ProgressHandler() {
          @Override
          protected int progress() {
            if (System.nanoTime() - deadline > 0) {
              stopped.set(true);
              return 1;
            }
            return 0;
          }
        });
    context.stopAt(deadline);
    Throwable thrown = null;
    try {
      step.run();
    } catch (Throwable e) {
      thrown = e;
    } finally {
      context.stopAt(Long.MAX_VALUE);
      ProgressHandler.clearHandler(sqlite);
    }
    finish(migration, limit, thrown, stopped.get() || System.nanoTime() - deadline > 0);
  }

  /** PostgreSQL: the server cancels the statement running past the limit. */
  private static void runCancelled(
      Connection connection,
      MigrationDescriptor migration,
      StepContext context,
      Duration limit,
      Step step)
      throws Exception {
    if (!connection.isWrapperFor(PGConnection.class)) {
      throw new SQLException(
          "stepTimeout needs a PostgreSQL driver connection it can cancel, but the DataSource gave "
              + connection.getClass().getName()
              + ", which does not unwrap to org.postgresql.PGConnection");
    }
    PGConnection postgres = connection.unwrap(PGConnection.class);
    long deadline = System.nanoTime() + limit.toNanos();
    AtomicBoolean stopped = new AtomicBoolean();
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "strata-step-timeout");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          stopped.set(true);
          try {
            postgres.cancelQuery();
          } catch (SQLException e) {
            // the step's own statement reports what is wrong with the connection
          }
        },
        limit.toMillis(),
        CANCEL_REPEAT_MS,
        TimeUnit.MILLISECONDS);
    context.stopAt(deadline);
    Throwable thrown = null;
    try {
      step.run();
    } catch (Throwable e) {
      thrown = e;
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(1, TimeUnit.MINUTES);
      context.stopAt(Long.MAX_VALUE);
    }
    finish(migration, limit, thrown, stopped.get() || System.nanoTime() - deadline > 0);
  }

  /** Rethrows what the step threw, as a {@link StepTimeout} if it ran late. */
  private static void finish(
      MigrationDescriptor migration, Duration limit, Throwable thrown, boolean late)
      throws Exception {
    if (late
        && !(thrown instanceof VirtualMachineError fatal
            && !(fatal instanceof StackOverflowError))) {
      throw new StepTimeout(migration, limit, thrown);
    }
    if (thrown instanceof Exception e) {
      throw e;
    }
    if (thrown instanceof Error e) {
      throw e;
    }
  }

  private static SQLiteConnection sqlite(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(SQLiteConnection.class)) {
      throw new SQLException(
          "stepTimeout needs a sqlite-jdbc connection it can interrupt, but the DataSource gave "
              + connection.getClass().getName()
              + ", which does not unwrap to org.sqlite.SQLiteConnection");
    }
    return connection.unwrap(SQLiteConnection.class);
  }

  /** The step ran past {@code stepTimeout} and was stopped. */
  static final class StepTimeout extends SQLException {
    private static final long serialVersionUID = 1L;

    StepTimeout(MigrationDescriptor migration, Duration limit, Throwable cause) {
      super(
          "stopped after running past stepTimeout, "
              + LockTimeout.seconds(limit)
              + " (StrataBuilder.stepTimeout(..), STRATA_STEP_TIMEOUT_MS or"
              + " strata.stepTimeoutMs); "
              + (migration.transactional()
                  ? "the step was rolled back."
                  : "it runs outside a transaction, so what it committed before stays.")
              + (cause == null
                  ? ""
                  : " It ended with: "
                      + (cause instanceof SQLException e ? Dialect.message(e) : cause)),
          cause);
    }
  }
}
