package dev.strata;

import java.sql.Connection;
import java.sql.SQLException;

/** What a running migration may use: its connection, its identity, and statement helpers. */
public interface MigrationContext {
  /** The connection of the step; inside its transaction when the migration is transactional. */
  Connection connection();

  long version();

  String description();

  /** Runs one statement; a failure names this statement in the migration's error. */
  void execute(String sql) throws SQLException;

  /** Runs one parameterised statement and returns the update count. */
  int update(String sql, Object... params) throws SQLException;
}
