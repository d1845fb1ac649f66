package dev.strata.internal.sqlite;

import java.sql.SQLException;

/**
 * A transaction that holds the database's migration lock from its start: SQLite's {@link
 * ImmediateTransaction}, PostgreSQL's {@code AdvisoryTransaction}. Closing it without {@link
 * #commit()} rolls back.
 */
public interface WriteTransaction extends AutoCloseable {
  void commit() throws SQLException;

  @Override
  void close() throws SQLException;
}
