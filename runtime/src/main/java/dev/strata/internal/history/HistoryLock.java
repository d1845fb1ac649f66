package dev.strata.internal.history;

import dev.strata.MigrationType;
import dev.strata.internal.postgres.AdvisoryTransaction;
import dev.strata.internal.sqlite.ImmediateTransaction;
import dev.strata.internal.sqlite.WriteTransaction;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The one write path of every command: lock, re-read the history, act, record. It holds SQLite's
 * write lock ({@code BEGIN IMMEDIATE}), or on PostgreSQL Strata's advisory lock in a transaction
 * ({@link AdvisoryTransaction}), from {@link #take} on, so what {@link #history()} reads cannot
 * change before {@link #commit()}, and the act and its history rows commit together. Closing it
 * without a commit rolls both back. The history's rows are written only through here.
 */
public final class HistoryLock implements AutoCloseable {
  private final WriteTransaction tx;
  private final HistoryTable history;

  private HistoryLock(WriteTransaction tx, HistoryTable history) {
    this.tx = tx;
    this.history = history;
  }

  /** Waits up to {@code lockTimeout} for the write lock, however long busy_timeout is. */
  public static HistoryLock take(Connection connection, Duration lockTimeout) throws SQLException {
    return take(connection, lockTimeout, "the write lock");
  }

  /**
   * As {@link #take(Connection, Duration)}; {@code purpose} names the wait in a lock timeout, such
   * as {@code "the write lock to apply migration 2 (seed parts)"}.
   */
  public static HistoryLock take(Connection connection, Duration lockTimeout, String purpose)
      throws SQLException {
    WriteTransaction tx =
        Dialect.of(connection) == Dialect.POSTGRESQL
            ? AdvisoryTransaction.begin(connection, lockTimeout, purpose)
            : ImmediateTransaction.begin(connection, lockTimeout, purpose);
    return new HistoryLock(tx, new HistoryTable(connection));
  }

  /** The history as it is under the lock: decide on what this reads, not on an earlier look. */
  public HistoryTable history() {
    return history;
  }

  /** Returns the {@code installed_on} it recorded. */
  public Instant insert(
      MigrationDescriptor migration, String installedBy, long executionMs, boolean success)
      throws SQLException {
    return history.insert(
        migration, installedBy, executionMs, success, success ? HistoryRow.APPLIED : null);
  }

  /**
   * A row with the {@link HistoryRow#outcome} given: {@link HistoryRow#RUNNING} for a claim whose
   * claimant holds its {@link ClaimLock}, {@link HistoryRow#CREATED_FROM_ENTITIES}, ...
   */
  public void insert(
      MigrationDescriptor migration,
      String installedBy,
      long executionMs,
      boolean success,
      String outcome)
      throws SQLException {
    history.insert(migration, installedBy, executionMs, success, outcome);
  }

  /** Turns a claim into a FAILED row, final until a user deletes it. */
  public void markFailed(long version, long executionMs, String installedBy, String failure)
      throws SQLException {
    history.markFailed(version, executionMs, installedBy, failure);
  }

  /** Turns a claim into a finished row, recording the installer without the claimant's process. */
  public void markSucceeded(long version, long executionMs, String installedBy)
      throws SQLException {
    history.markSucceeded(version, executionMs, installedBy);
  }

  /**
   * Records {@code migration} as applied without running it, with type {@link
   * MigrationType#BASELINE}.
   */
  public void insertBaseline(MigrationDescriptor migration, String installedBy)
      throws SQLException {
    history.insert(
        new MigrationDescriptor(
            migration.version(),
            migration.description(),
            MigrationType.BASELINE,
            migration.checksum(),
            migration.reversible(),
            migration.transactional(),
            migration.foreignKeys(),
            migration.destructive(),
            migration.source(),
            migration.factory()),
        installedBy,
        0,
        true,
        HistoryRow.APPLIED);
  }

  /**
   * Turns the applied row of {@code migration} into the claim of its rollback, for a down that runs
   * outside a transaction: see {@link HistoryRow#rollback()}.
   */
  public void claimRollback(MigrationDescriptor migration, String installedBy, String outcome)
      throws SQLException {
    history.claimRollback(migration, installedBy, outcome);
  }

  /** Sets the recorded checksum of {@code version}, for a repair. */
  public void realignChecksum(long version, String checksum) throws SQLException {
    history.updateChecksum(version, checksum);
  }

  public void delete(long version) throws SQLException {
    history.delete(version);
  }

  public void commit() throws SQLException {
    tx.commit();
  }

  /** Rolls back unless committed. */
  @Override
  public void close() throws SQLException {
    tx.close();
  }
}
