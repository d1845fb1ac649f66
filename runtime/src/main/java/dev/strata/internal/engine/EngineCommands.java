package dev.strata.internal.engine;

import dev.strata.FreshStrategy;
import dev.strata.InfoResult;
import dev.strata.MigrateResult;
import dev.strata.StrataException;
import dev.strata.ValidateResult;
import dev.strata.ValidationException;
import dev.strata.ValidationIssue;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.history.Ledger;
import dev.strata.internal.sqlite.Busy;
import dev.strata.internal.sqlite.Connections;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.internal.sqlite.MissingDatabaseException;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaException;
import dev.strata.schema.SchemaInspector;
import dev.strata.spi.StrataEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** The commands of one configured {@link dev.strata.Strata}, each on a connection of its own. */
final class EngineCommands implements StrataEngine.Commands {
  private final Settings settings;

  EngineCommands(Settings settings) {
    this.settings = settings;
  }

  @Override
  public MigrateResult migrate() {
    refuseBeforeWriting();
    return withConnection(
        "migrate",
        true,
        connection -> {
          HistoryTable history = new HistoryTable(connection);
          history.create(settings.lockTimeout());
          history.upgrade(settings.lockTimeout());
          if (settings.freshStrategy() == FreshStrategy.CREATE_FROM_ENTITIES
              && reachesHead()
              && new CreateFromEntities(settings, connection).run()) {
            return new MigrateResult(
                0, history.head(), new Repeatables(settings, connection).run(), true);
          }
          return new Migrator(settings, connection).run();
        });
  }

  @Override
  public InfoResult info() {
    try {
      return withConnection(
          "read the history of",
          false,
          connection ->
              new InfoResult(
                  concat(
                      ledger(connection).infos(), new Repeatables(settings, connection).infos())));
    } catch (MissingDatabaseException e) {
      // Nothing is created where no database is: every migration is pending there.
      return new InfoResult(
          concat(
              new Ledger(settings.migrations(), List.of()).infos(), Repeatables.pending(settings)));
    }
  }

  /**
   * What migrate would refuse before its first write (out of order, a changed checksum, ...) is
   * found on a read-only connection, so that a refused migrate changes nothing, not even the
   * journal mode. Without a database there is nothing to refuse. Migrator checks again.
   */
  private void refuseBeforeWriting() {
    List<ValidationIssue> refusals;
    try {
      refusals =
          withConnection(
              "migrate",
              false,
              connection ->
                  Busy.retry(
                      "read " + HistoryTable.NAME,
                      settings.lockTimeout(),
                      () -> Migrator.refusals(ledger(connection), settings.outOfOrder())));
    } catch (MissingDatabaseException e) {
      return; // nothing to refuse
    } catch (StrataException e) {
      // A database that cannot be read right now (another process is creating it, and SQLite may
      // refuse a read-only open for a moment): the write path checks again, under the lock. Any
      // other refusal, such as a foreign history, stands, and nothing is written.
      if (e.getCause() instanceof SQLException sql && isMomentary(sql)) {
        return;
      }
      throw e;
    }
    if (!refusals.isEmpty()) {
      throw new ValidationException(new ValidateResult(refusals));
    }
  }

  /** Whether migrate may go to the head, the only schema the entities describe. */
  private boolean reachesHead() {
    return settings.reachesHead();
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** SQLITE_BUSY or SQLITE_CANTOPEN: what a database being created by another process gives. */
  private static boolean isMomentary(SQLException e) {
    int code = e.getErrorCode() & 0xff;
    return code == 5 || code == 14;
  }

  @Override
  public ValidateResult validate() {
    return withConnection(
        "validate",
        false,
        connection -> {
          Ledger ledger = ledger(connection);
          List<ValidationIssue> issues = new ArrayList<>(ledger.issues(settings.outOfOrder()));
          int pending = ledger.unapplied().size();
          if (settings.schema() != null && pending == 0) {
            issues.addAll(drift(connection));
          }
          return new ValidateResult(issues, pending, settings.schema() != null && pending > 0);
        });
  }

  private Ledger ledger(Connection connection) throws SQLException {
    List<HistoryRow> rows = new HistoryTable(connection).rows();
    return new Ledger(settings.migrations(), rows, ClaimLock.deadClaims(connection, rows));
  }

  /**
   * The live schema compared to the entities', one {@link ValidationIssue.Kind#SCHEMA_DRIFT} per
   * item.
   */
  private List<ValidationIssue> drift(Connection connection) throws SQLException {
    SchemaDiff diff;
    try {
      diff =
          SchemaDiff.compare(
              settings.schema().model(),
              SchemaInspector.inspect(connection, Set.of(HistoryTable.NAME, Repeatables.TABLE)));
    } catch (SchemaException e) {
      throw new StrataException(e.getMessage(), e.getCause());
    }
    return diff.items().stream()
        .map(
            item ->
                new ValidationIssue(
                    ValidationIssue.Kind.SCHEMA_DRIFT,
                    OptionalLong.empty(),
                    item.object(),
                    item.render()))
        .toList();
  }

  /** Work on a fresh connection, with SQL failures turned into a {@link StrataException}. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** {@code write}: a connection that writes; otherwise a read-only one that creates nothing. */
  private <T> T withConnection(String action, boolean write, Work<T> work) {
    Connections connections = settings.connections();
    try (Connection connection = write ? connections.open(true) : connections.openReadOnly()) {
      try {
        return work.run(connection);
      } catch (LockTimeout e) {
        throw LockTimeouts.withHolder(e, connection);
      }
    } catch (SQLException e) {
      throw new StrataException(
          "Cannot "
              + action
              + " "
              + connections.describe()
              + ": "
              + connections
                  .readOnlyCause(e)
                  .map(why -> why + " (" + e.getMessage() + ")")
                  .orElse(e.getMessage()),
          e);
    }
  }
}
