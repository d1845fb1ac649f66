package dev.strata.internal.engine;

import dev.strata.MigrationException;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.sqlite.Busy;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.Dialect;
import dev.strata.sql.SqliteSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * What the up ({@code migrate()}) and the down ({@code rollbackTo()}) of a step with {@code
 * transactional = false} share: the claim (its {@link ClaimLock} first, then its unfinished row,
 * committed under the write lock), the run in auto-commit mode, and the outcome, recorded under the
 * write lock before the claim lock is let go. Other callers meanwhile see the unfinished row and
 * wait ({@link ClaimWait}); one that finds the claim lock free while the row is still unfinished
 * knows the claimant died part-way, and reports it.
 */
final class OutsideStep {
  private OutsideStep() {}

  /** Writes the claim row, given its {@link HistoryRow#outcome}. */
  @FunctionalInterface
  interface ClaimRow {
    void write(String outcome) throws SQLException;
  }

  /** A write of the history under the write lock. */
  @FunctionalInterface
  interface Record {
    void write(HistoryLock lock) throws SQLException;
  }

  /**
   * Takes the step's claim lock and commits its claim row in {@code lock}; the caller closes the
   * claim lock once the step's outcome is recorded.
   */
  static ClaimLock claim(
      Connection connection,
      Settings settings,
      MigrationDescriptor migration,
      HistoryLock lock,
      ClaimRow row)
      throws SQLException {
    ClaimLock claimLock = ClaimLock.take(connection, migration.version(), settings.lockTimeout());
    try {
      row.write(claimLock.byFile() ? HistoryRow.RUNNING : null);
      lock.commit();
    } catch (Throwable e) {
      claimLock.close();
      throw e;
    }
    return claimLock;
  }

  /**
   * Runs {@code body} in auto-commit mode within {@code stepTimeout}. A table rebuild ({@code
   * foreignKeys = false}) is checked afterwards: nothing can roll it back, but the check keeps a
   * broken one from counting as done. Enforcement is on again afterwards, whatever happened.
   */
  static void run(
      Connection connection,
      Settings settings,
      MigrationDescriptor migration,
      StepContext ctx,
      StepTimer.Step body)
      throws Exception {
    try {
      StepTimer.run(connection, migration, ctx, settings.stepTimeout(), body);
      if (!migration.foreignKeys()) {
        Optional<MigrationException> violation =
            Busy.retry(
                connection,
                "a read of " + HistoryTable.NAME,
                settings.lockTimeout(),
                () -> ForeignKeyEnforcement.violation(connection, migration, false));
        if (violation.isPresent()) {
          throw violation.get();
        }
      }
    } catch (Throwable e) {
      try {
        foreignKeysOn(connection);
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    foreignKeysOn(connection);
  }

  /**
   * Commits {@code record} under the write lock ({@code purpose} names the wait); returns why it
   * could not, such as a full disk.
   */
  static Optional<Exception> record(
      Connection connection, Settings settings, String purpose, Record record) {
    try (HistoryLock lock = HistoryLock.take(connection, settings.lockTimeout(), purpose)) {
      record.write(lock);
      lock.commit();
      return Optional.empty();
    } catch (SQLException | RuntimeException notRecorded) {
      return Optional.of(notRecorded);
    }
  }

  /** The statement that deletes {@code migration}'s history row, for messages. */
  static String deleteRow(MigrationDescriptor migration) {
    return "DELETE FROM " + HistoryTable.NAME + " WHERE version = " + migration.version();
  }

  /** Why recording an outcome failed, for messages: the database's words where it has them. */
  static String reason(Throwable e) {
    return e instanceof SQLException sql ? Dialect.message(sql) : String.valueOf(e);
  }

  /**
   * A non-transactional step is where a table rebuild turns {@code foreign_keys} off (it cannot be
   * changed inside a transaction); the steps after it must not inherit that.
   */
  private static void foreignKeysOn(Connection connection) throws SQLException {
    if (Dialect.of(connection) != Dialect.SQLITE) {
      return; // foreign keys are never switched off there
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(SqliteSettings.foreignKeys(true));
    }
  }
}
