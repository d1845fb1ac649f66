package dev.strata.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Runs schema statements in order: the one way the runtime applies the entities' DDL. */
public final class DdlScript {
  private DdlScript() {}

  /** A statement SQLite rejected: SQLite's error, plus the statement. */
  public static final class StatementFailed extends SQLException {
    private static final long serialVersionUID = 1L;
    private final String statement;

    StatementFailed(String statement, SQLException cause) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.statement = statement;
    }

    public String statement() {
      return statement;
    }

    /** SQLite's own error. */
    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }

  /**
   * Runs {@code statements} on {@code connection}, inside whatever transaction the caller holds.
   */
  public static void run(Connection connection, List<String> statements)
      throws StatementFailed, SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          throw new StatementFailed(sql, e);
        }
      }
    }
  }
}
