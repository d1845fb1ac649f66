package dev.strata.internal.engine;

import dev.strata.BaselineResult;
import dev.strata.MigrationState;
import dev.strata.StrataException;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@link dev.strata.Strata#baseline(long)}: checked first on a read-only connection, so that a
 * refusal changes nothing, then checked again and recorded under the {@link HistoryLock}.
 */
final class Baseline {
  private final Settings settings;
  private final long version;

  Baseline(Settings settings, long version) {
    this.settings = settings;
    this.version = version;
  }

  /** Refuses a version that is not registered; needs no database. */
  void checkVersion() {
    if (settings.migrations().stream().noneMatch(m -> m.version() == version)) {
      throw new StrataException(
          "Cannot baseline at version "
              + version
              + ": it is not a registered version, and baseline needs the version of a"
              + " registered migration, the one whose schema the database already has. "
              + (settings.migrations().isEmpty()
                  ? "The registry is empty."
                  : "Registered versions: "
                      + settings.migrations().stream()
                          .map(m -> Long.toString(m.version()))
                          .collect(Collectors.joining(", "))
                      + "."));
    }
  }

  /** Refuses a database that has a history already, or nothing to take over. */
  void checkDatabase(Connection connection, List<HistoryRow> rows) throws SQLException {
    if (!rows.isEmpty()) {
      throw new StrataException(
          "Cannot baseline at version "
              + version
              + ": "
              + HistoryTable.NAME
              + " already has "
              + (rows.size() == 1 ? "a row" : rows.size() + " rows")
              + " (applied head "
              + rows.stream()
                  .filter(HistoryRow::success)
                  .mapToLong(HistoryRow::version)
                  .max()
                  .orElse(0)
              + "). Baseline is only for a database that Strata has never migrated; nothing was"
              + " changed. Use migrate, or repair for failed rows.");
    }
    if (userObjects(connection) == 0) {
      throw new StrataException(
          "Cannot baseline at version "
              + version
              + ": the database holds no table or view of its own, so there is nothing to take"
              + " over; nothing was changed. Run migrate to create the schema instead.");
    }
  }

  /** On a connection that writes: creates the history if missing and records the baseline. */
  BaselineResult run(Connection connection) throws SQLException {
    HistoryTable table = new HistoryTable(connection);
    table.create(settings.lockTimeout());
    table.upgrade(settings.lockTimeout());
    try (HistoryLock lock =
        HistoryLock.take(
            connection,
            settings.lockTimeout(),
            "the write lock to baseline at version " + version)) {
      checkDatabase(connection, lock.history().rows());
      for (MigrationDescriptor m : settings.migrations()) {
        if (m.version() <= version) {
          lock.insertBaseline(m, settings.installedBy());
        }
      }
      List<HistoryRow> recorded = lock.history().rows();
      lock.commit();
      return new BaselineResult(
          version, recorded.stream().map(row -> row.toInfo(MigrationState.APPLIED)).toList());
    }
  }

  /** The application's tables and views: all but the history's. */
  static int userObjects(Connection connection) throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement(Dialect.of(connection).userObjectsQuery())) {
      ps.setString(1, HistoryTable.NAME);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
