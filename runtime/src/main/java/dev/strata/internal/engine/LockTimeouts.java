package dev.strata.internal.engine;

import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.postgres.AdvisoryTransaction;
import dev.strata.internal.sqlite.Busy;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Names who holds the lock that a {@link LockTimeout} waited for. PostgreSQL tells, through {@code
 * pg_locks}; otherwise the history may: SQLite itself never says which connection holds its write
 * lock, but a step running outside a transaction has a claim row naming its process, and its
 * statements (a {@code VACUUM}, an index build) hold the write lock while they run.
 */
final class LockTimeouts {
  private LockTimeouts() {}

  /** {@code timeout}, naming the claimant if a claim is open; the connection is closing. */
  static LockTimeout withHolder(LockTimeout timeout, Connection connection) {
    try {
      // A look, not another wait: the lock timeout is spent.
      if (Dialect.of(connection) == Dialect.POSTGRESQL) {
        return AdvisoryTransaction.holder(connection).map(timeout::heldBy).orElse(timeout);
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout = 0");
      }
      Busy.remember(connection, 0);
      List<HistoryRow> claims =
          new HistoryTable(connection).rows().stream().filter(row -> !row.success()).toList();
      if (claims.isEmpty()) {
        return timeout;
      }
      HistoryRow claim = claims.get(claims.size() - 1);
      return timeout.heldBy(
          LockTimeout.UNKNOWN_HOLDER
              + ", most likely "
              + claim.installedBy()
              + ", which claimed migration "
              + claim.version()
              + " ("
              + claim.description()
              + ") at "
              + claim.installedOn()
              + (claim.rollback() ? " and runs its down" : " and runs it")
              + " outside a transaction");
    } catch (SQLException | RuntimeException e) {
      timeout.addSuppressed(e);
      return timeout;
    }
  }
}
