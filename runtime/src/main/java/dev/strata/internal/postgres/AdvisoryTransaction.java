package dev.strata.internal.postgres;

import dev.strata.internal.sqlite.Busy;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.internal.sqlite.WriteTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A transaction that holds Strata's migration lock, {@code pg_advisory_xact_lock}, from its first
 * statement: whatever it reads after that cannot change before it ends, and the server releases the
 * lock at COMMIT or ROLLBACK, or when the session dies. Being transaction-scoped, it works behind a
 * transaction-pooling PgBouncer, which may hand each transaction another server session.
 *
 * <p>The wait is bounded by {@code lock_timeout}, set for this transaction only ({@code SET
 * LOCAL}), in slices of at most a second: a slice that runs out rolls back and tries again in a new
 * transaction until the lock timeout is spent, then fails as a {@link LockTimeout}.
 */
public final class AdvisoryTransaction implements WriteTransaction {
  /** The lock's key in the database: "strata" in ASCII, in the single-bigint key space. */
  static final long MIGRATION_LOCK = 0x7374_7261_7461L;

  private static final String LOCK_NOT_AVAILABLE = "55P03";
  private static final long SLICE_MS = 1000;

  private final Connection connection;
  private boolean open = true;

  private AdvisoryTransaction(Connection connection) {
    this.connection = connection;
  }

  /**
   * Begins a transaction on {@code connection} (in auto-commit mode) and takes the lock within
   * {@code lockTimeout}; {@code purpose} names the wait in a {@link LockTimeout}.
   */
  public static AdvisoryTransaction begin(
      Connection connection, Duration lockTimeout, String purpose) throws SQLException {
    long start = System.nanoTime();
    long deadline = start + lockTimeout.toNanos();
    connection.setAutoCommit(false);
    try {
      while (true) {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET LOCAL lock_timeout = '" + Math.min(left, SLICE_MS) + "ms'");
          statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
          return new AdvisoryTransaction(connection);
        } catch (SQLException e) {
          connection.rollback();
          if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            throw e;
          }
          if (System.nanoTime() - deadline >= 0) {
            throw LockTimeout.postgres(
                purpose, Duration.ofNanos(System.nanoTime() - start), lockTimeout, e);
          }
          Busy.sleep(1);
        }
      }
    } catch (SQLException | RuntimeException e) {
      restoreAutoCommit(connection, e);
      throw e;
    }
  }

  @Override
  public void commit() throws SQLException {
    connection.commit();
    open = false;
    connection.setAutoCommit(true);
  }

  /** Rolls back unless committed; the lock goes with the transaction either way. */
  @Override
  public void close() throws SQLException {
    if (!open) {
      return;
    }
    open = false;
    try {
      connection.rollback();
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static void restoreAutoCommit(Connection connection, Exception failure) {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }
}
