package dev.strata.testing;

import dev.strata.MigrationContext;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link MigrationContext} over a plain connection, with which the verifier runs a migration's
 * {@code down} (and its second {@code up}) itself, step by step, on a database it owns.
 */
final class VerifierContext implements MigrationContext {
  private final Connection connection;
  private final long version;
  private final String description;

  VerifierContext(Connection connection, long version, String description) {
    this.connection = connection;
    this.version = version;
    this.description = description;
  }

  @Override
  public Connection connection() {
    return connection;
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String one : Dialect.of(connection).split(sql)) {
        try {
          statement.execute(one);
        } catch (SQLException e) {
          throw new SQLException(e.getMessage() + " in: " + one, e.getSQLState(), e);
        }
      }
    }
  }

  @Override
  public int update(String sql, Object... params) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new SQLException(e.getMessage() + " in: " + sql, e.getSQLState(), e);
    }
  }
}
