package dev.strata.spi;

import java.sql.SQLException;

/**
 * A {@link dev.strata.MigrationContext} that runs a statement the processor already split, without
 * splitting it again. Implemented by the runtime's own context, not by users; {@link
 * dev.strata.SqlMigration} uses it when it is there.
 */
public interface StatementExecutor {
  /** Runs one statement; {@code position} ({@code "2 of up"}, or null) names it in a failure. */
  void executeStatement(String statement, String position) throws SQLException;
}
