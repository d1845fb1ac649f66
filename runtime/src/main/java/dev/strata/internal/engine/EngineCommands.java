package dev.strata.internal.engine;

import dev.strata.FreshStrategy;
import dev.strata.InfoResult;
import dev.strata.MigrateResult;
import dev.strata.StrataException;
import dev.strata.ValidateResult;
import dev.strata.ValidationIssue;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.history.Ledger;
import dev.strata.internal.sqlite.LockTimeout;
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
    return withConnection(
        "migrate",
        true,
        connection -> {
          HistoryTable history = new HistoryTable(connection);
          history.create(settings.lockTimeout());
          if (settings.freshStrategy() == FreshStrategy.CREATE_FROM_ENTITIES
              && new CreateFromEntities(settings, connection).run()) {
            return new MigrateResult(0, history.head(), List.of(), true);
          }
          return new Migrator(settings, connection).run();
        });
  }

  @Override
  public InfoResult info() {
    return withConnection(
        "read the history of", false, connection -> new InfoResult(ledger(connection).infos()));
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
    return new Ledger(settings.migrations(), new HistoryTable(connection).rows());
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
              SchemaInspector.inspect(connection, Set.of(HistoryTable.NAME)));
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

  private <T> T withConnection(String action, boolean create, Work<T> work) {
    try (Connection connection = settings.connections().open(create)) {
      try {
        return work.run(connection);
      } catch (LockTimeout e) {
        throw LockTimeouts.withHolder(e, connection);
      }
    } catch (SQLException e) {
      throw new StrataException(
          "Cannot " + action + " " + settings.connections().describe() + ": " + e.getMessage(), e);
    }
  }
}
