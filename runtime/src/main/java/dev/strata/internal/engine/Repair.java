package dev.strata.internal.engine;

import dev.strata.MigrationInfo;
import dev.strata.MigrationState;
import dev.strata.RepairResult;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.history.Ledger;
import dev.strata.spi.MigrationDescriptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link dev.strata.Strata#repair}: the plan is read from the history and the registry; with the
 * confirmation it is read again and carried out under the {@link HistoryLock}, in one transaction.
 */
final class Repair {
  private final Settings settings;

  Repair(Settings settings) {
    this.settings = settings;
  }

  /** What a repair would change, read on {@code connection}, which may be read-only. */
  RepairResult plan(Connection connection) throws SQLException {
    List<HistoryRow> rows = new HistoryTable(connection).rows();
    return plan(rows, connection, false);
  }

  /** On a connection that writes: carries out the plan as it stands under the lock. */
  RepairResult run(Connection connection) throws SQLException {
    try (HistoryLock lock =
        HistoryLock.take(connection, settings.lockTimeout(), "the write lock to repair")) {
      RepairResult plan = plan(lock.history().rows(), connection, true);
      for (MigrationInfo row : plan.removed()) {
        lock.delete(row.version());
      }
      for (RepairResult.Realignment realignment : plan.realigned()) {
        lock.realignChecksum(realignment.version(), realignment.registryChecksum());
      }
      lock.commit();
      return plan;
    }
  }

  private RepairResult plan(List<HistoryRow> rows, Connection connection, boolean confirmed)
      throws SQLException {
    Map<Long, MigrationDescriptor> registered =
        settings.migrations().stream()
            .collect(Collectors.toMap(MigrationDescriptor::version, Function.identity()));
    Ledger ledger = new Ledger(settings.migrations(), rows, ClaimLock.deadClaims(connection, rows));
    List<MigrationInfo> removed = new ArrayList<>();
    List<RepairResult.Realignment> realigned = new ArrayList<>();
    for (MigrationInfo info : ledger.infos()) {
      MigrationDescriptor m = registered.get(info.version());
      if (info.state() == MigrationState.FAILED) {
        removed.add(info);
      } else if ((info.state() == MigrationState.APPLIED
              || info.state() == MigrationState.CREATED_FROM_ENTITIES)
          && m != null
          && !m.checksum().equals(info.checksum())) {
        realigned.add(
            new RepairResult.Realignment(
                info.version(), info.description(), info.checksum(), m.checksum()));
      }
    }
    return new RepairResult(confirmed, removed, realigned);
  }
}
