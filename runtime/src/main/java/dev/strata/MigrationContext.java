package dev.strata;

import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;

/** What a running migration may use: its connection, its identity, and statement helpers. */
public interface MigrationContext {
  /**
   * The connection of the step, inside its transaction when the migration is transactional. The
   * engine owns that transaction, so in a transactional step this connection refuses what would end
   * it, with a {@link MigrationException} that fails the step before anything commits: {@code
   * commit()}, {@code rollback()}, {@code setAutoCommit(..)}, {@code close()}, {@code abort(..)},
   * and statements (run, prepared or batched) that {@link #execute} refuses. JDBC savepoints work,
   * nested in the step's transaction, and {@code getAutoCommit()} is false. {@code unwrap} reaches
   * the driver's connection, which checks nothing: a commit through it still fails the step, but
   * what ran after the commit stays committed. A step with {@code transactional = false} gets the
   * driver's connection, in auto-commit mode, to manage as it likes.
   */
  Connection connection();

  long version();

  String description();

  /**
   * The dialect of the database the step runs on, so that a Java migration can write each
   * database's SQL: {@code if (ctx.dialect() == Dialect.POSTGRESQL) ...}.
   */
  default Dialect dialect() throws SQLException {
    return Dialect.of(connection());
  }

  /**
   * Runs a script of one or more {@code ;}-separated statements, split by {@link
   * dev.strata.sql.SqlSplitter}. A failure names the statement that failed in the migration's
   * error. In a transactional step, {@code BEGIN}, {@code COMMIT}, {@code END}, {@code ROLLBACK}
   * (except {@code ROLLBACK TO} a savepoint), {@code VACUUM}, and a {@code PRAGMA} that sets {@code
   * foreign_keys} or {@code journal_mode} (reading them is fine) are refused with a {@link
   * MigrationException}: SQLite cannot honour them inside the step's transaction. Declare the
   * migration with {@code transactional = false} to run them.
   */
  void execute(String sql) throws SQLException;

  /**
   * Runs exactly one parameterised statement and returns the update count; a script of several is
   * refused, as is transaction control. A failure names the statement too.
   */
  int update(String sql, Object... params) throws SQLException;
}
