package dev.strata.internal.postgres;

import dev.strata.internal.sqlite.Busy;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.internal.sqlite.WriteTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

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

  /**
   * Who holds the migration lock, as {@code pg_stat_activity} tells: the session's pid, user,
   * application and client, and since when its transaction runs; empty when nobody holds it.
   */
  public static Optional<String> holder(Connection connection) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(
            "SELECT a.pid, a.usename, a.application_name, a.client_addr, a.xact_start, a.state"
                + " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ?"
                + " AND l.database = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database())")) {
      ps.setLong(1, MIGRATION_LOCK >>> 32);
      ps.setLong(2, MIGRATION_LOCK & 0xffff_ffffL);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            "the session with pid "
                + rs.getLong(1)
                + " (user "
                + rs.getString(2)
                + ", application '"
                + rs.getString(3)
                + "', client "
                + (rs.getString(4) == null ? "local" : rs.getString(4))
                + ") holds Strata's migration lock in a transaction open since "
                + rs.getTimestamp(5).toInstant()
                + ", now "
                + rs.getString(6));
      }
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
