package dev.strata.internal.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A {@code BEGIN IMMEDIATE} transaction: it takes SQLite's single write lock up front, so whatever
 * it reads cannot change before it commits. Closing it without {@link #commit()} rolls back.
 */
public final class ImmediateTransaction implements WriteTransaction {
  private final Connection connection;
  private final Duration lockTimeout;
  private boolean open = true;

  private ImmediateTransaction(Connection connection, Duration lockTimeout) {
    this.connection = connection;
    this.lockTimeout = lockTimeout;
  }

  /** Waits up to {@code lockTimeout} for the write lock, however long busy_timeout is. */
  public static ImmediateTransaction begin(Connection connection, Duration lockTimeout)
      throws SQLException {
    return begin(connection, lockTimeout, "the write lock");
  }

  /**
   * Waits up to {@code lockTimeout} for the write lock, however long busy_timeout is; {@code
   * purpose}, such as {@code "the write lock to apply migration 2 (x)"}, names the wait in a {@link
   * LockTimeout}.
   */
  public static ImmediateTransaction begin(
      Connection connection, Duration lockTimeout, String purpose) throws SQLException {
    Busy.retry(connection, purpose, lockTimeout, () -> exec(connection, "BEGIN IMMEDIATE"));
    return new ImmediateTransaction(connection, lockTimeout);
  }

  @Override
  public void commit() throws SQLException {
    // A busy COMMIT leaves the transaction open, so it is safe to try again.
    Busy.retry(
        connection,
        "the commit of a write transaction",
        lockTimeout,
        () -> exec(connection, "COMMIT"));
    open = false;
  }

  @Override
  public void close() throws SQLException {
    if (!open) {
      return;
    }
    open = false;
    try {
      exec(connection, "ROLLBACK");
    } catch (SQLException e) {
      // Some errors (SQLITE_FULL, SQLITE_IOERR) already rolled the transaction back.
      if (!String.valueOf(e.getMessage()).contains("no transaction is active")) {
        throw e;
      }
    }
  }

  private static Void exec(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
    return null;
  }
}
