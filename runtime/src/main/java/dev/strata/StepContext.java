package dev.strata;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.SqlSplitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The {@link MigrationContext} of one step; it remembers the statement in flight for errors.
 *
 * <p>A statement refused with SQLITE_BUSY made no change, so it is retried. That matters only to
 * non-transactional steps, whose statements each take the write lock on their own; a transactional
 * step already holds the lock.
 */
final class StepContext implements MigrationContext {
  private final Connection connection;
  private final MigrationDescriptor migration;
  private final Duration busyLimit;
  private String running;

  StepContext(Connection connection, MigrationDescriptor migration, Duration busyLimit) {
    this.connection = connection;
    this.migration = migration;
    this.busyLimit = busyLimit;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public long version() {
    return migration.version();
  }

  @Override
  public String description() {
    return migration.description();
  }

  @Override
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String single : SqlSplitter.split(sql)) {
        running = single;
        Busy.retry("migration " + migration.version(), busyLimit, () -> statement.execute(single));
      }
    }
    running = null;
  }

  @Override
  public int update(String sql, Object... params) throws SQLException {
    running = sql;
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      int count = Busy.retry("migration " + migration.version(), busyLimit, statement::executeUpdate);
      running = null;
      return count;
    }
  }

  /** The statement that threw, or null when the failure did not come from a statement. */
  String failingStatement() {
    return running;
  }
}
