package dev.strata.internal.engine;

import dev.strata.JavaMigration;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.SqliteMessages;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

/**
 * The optional per-step time limit ({@code stepTimeout}). Once the limit has passed, a timer thread
 * interrupts SQLite on the step's connection ({@code sqlite3_interrupt}, which SQLite allows from
 * any thread): the running statement fails with SQLITE_INTERRUPT. It interrupts again every few
 * milliseconds until the migration returns, since an interrupt that falls between two statements of
 * a migration looping over short ones is lost. Whatever the migration then throws, or if it
 * swallows the interrupt and returns, the step fails with a {@link StepTimeout}, so a transactional
 * step rolls back without a history row.
 *
 * <p>The timer is stopped, under the same monitor as each interrupt, before the engine writes the
 * history row: no interrupt can reach the engine's own statements.
 */
final class StepTimer {
  private static final System.Logger LOG = System.getLogger("dev.strata");

  /** How often the interrupt is repeated once the limit has passed. */
  private static final long REPEAT_MS = 5;

  /** The migration's {@code up}, as the engine calls it. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  private final DB database;
  private boolean stopped;
  private boolean fired;

  private StepTimer(DB database) {
    this.database = database;
  }

  /**
   * Runs {@code step} ({@link JavaMigration#up} of {@code migration}) within {@code limit}; zero
   * means no limit.
   *
   * @throws StepTimeout when the limit passed, with what the migration threw as its cause
   */
  static void run(Connection connection, MigrationDescriptor migration, Duration limit, Step step)
      throws Exception {
    if (limit.isZero()) {
      step.run();
      return;
    }
    StepTimer timer = new StepTimer(database(connection));
    ScheduledFuture<?> schedule =
        Timer.EXECUTOR.scheduleWithFixedDelay(
            timer::interrupt,
            limit.toNanos(),
            TimeUnit.MILLISECONDS.toNanos(REPEAT_MS),
            TimeUnit.NANOSECONDS);
    Throwable thrown = null;
    try {
      step.run();
    } catch (Throwable e) {
      thrown = e;
    } finally {
      schedule.cancel(false);
      timer.stop();
    }
    if (timer.fired
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

  private synchronized void interrupt() {
    if (stopped) {
      return;
    }
    fired = true;
    try {
      database.interrupt();
    } catch (SQLException | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "could not interrupt the step", e);
    }
  }

  /** After this returns, no interrupt is in flight and none will follow. */
  private synchronized void stop() {
    stopped = true;
  }

  private static DB database(Connection connection) throws SQLException {
    if (!connection.isWrapperFor(SQLiteConnection.class)) {
      throw new SQLException(
          "stepTimeout needs a sqlite-jdbc connection it can interrupt, but the DataSource gave "
              + connection.getClass().getName()
              + ", which does not unwrap to org.sqlite.SQLiteConnection");
    }
    return connection.unwrap(SQLiteConnection.class).getDatabase();
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
                      + (cause instanceof SQLException e ? SqliteMessages.of(e) : cause)),
          cause);
    }
  }

  /** One daemon thread for every limit of the virtual machine; it only ever calls interrupt. */
  private static final class Timer {
    static final ScheduledExecutorService EXECUTOR = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor =
          new ScheduledThreadPoolExecutor(
              1,
              runnable -> {
                Thread thread = new Thread(runnable, "strata-step-timeout");
                thread.setDaemon(true);
                return thread;
              });
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
