package dev.strata.processor.verify;

import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.ScratchDatabase;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.entity.ColumnModel;
import dev.strata.processor.entity.Ddl;
import dev.strata.processor.entity.EntityModel;
import dev.strata.processor.entity.EntitySchema;
import dev.strata.processor.entity.IndexModel;
import dev.strata.processor.entity.TriggerModel;
import dev.strata.processor.entity.ViewModel;
import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqliteMessages;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the generated DDL on an in-memory SQLite, so that SQL the user wrote inside annotations
 * (CHECK, DEFAULT, COLLATE, sqlType, views, triggers) fails the build rather than the first start.
 * Each failure is reported on the element and attribute that produced it, with SQLite's message.
 */
public final class SchemaReplay {
  private static final Pattern TRIGGER_ERROR =
      Pattern.compile("^error in trigger (\\S+): (.*)$", Pattern.DOTALL);
  private static final String PROBE = "strata_verifier_probe";

  private final ValidationReport.Builder report;

  private SchemaReplay(ValidationReport.Builder report) {
    this.report = report;
  }

  /** Reports every piece of the schema that SQLite refuses. */
  public static void check(EntitySchema schema, ValidationReport.Builder report) {
    new SchemaReplay(report).replay(schema);
  }

  private void replay(EntitySchema schema) {
    try (Connection connection = ScratchDatabase.open();
        Statement statement = connection.createStatement()) {
      Set<String> failed = new HashSet<>();
      for (EntityModel table : schema.tables()) {
        Optional<SQLException> error = run(statement, Ddl.createTable(table));
        if (error.isPresent()) {
          failed.add(SqlIdentifiers.fold(table.table()));
          blame(statement, table, error.get());
        }
      }
      for (IndexModel index : schema.indexes()) {
        if (!failed.contains(SqlIdentifiers.fold(index.table()))) {
          run(statement, Ddl.createIndex(index))
              .ifPresent(
                  e ->
                      index
                          .origin()
                          .report(
                              report,
                              Diagnostic.INVALID_SQL,
                              "index '" + index.name() + "'",
                              SqliteMessages.of(e)));
        }
      }
      // Views and triggers over a table that failed would only repeat that failure.
      if (failed.isEmpty()) {
        verifyViews(statement, schema.views());
        verifyTriggers(connection, statement, schema.triggers());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("in-memory SQLite failed: " + e.getMessage(), e);
    }
  }

  /** SQLite resolves a view's tables and columns only when it is queried, so query each one. */
  private void verifyViews(Statement statement, List<ViewModel> views) throws SQLException {
    List<ViewModel> created = new ArrayList<>();
    for (ViewModel view : views) {
      Optional<SQLException> error = run(statement, Ddl.createView(view));
      error.ifPresentOrElse(e -> reportView(view, e), () -> created.add(view));
    }
    for (ViewModel view : created) {
      Optional<SQLException> error =
          run(statement, "SELECT * FROM " + SqlIdentifiers.quote(view.name()) + " LIMIT 0");
      if (error.isPresent()) {
        reportView(view, error.get());
        statement.execute("DROP VIEW " + SqlIdentifiers.quote(view.name()));
      }
    }
  }

  /**
   * SQLite resolves a trigger's body only when a statement that fires it is prepared, so {@link
   * TriggerProbe} prepares one for each trigger; a broken one is reported and dropped. Then, since
   * SQLite also re-parses every trigger when the schema changes, renaming a scratch table names any
   * broken one left, which is reported and dropped too.
   */
  private void verifyTriggers(
      Connection connection, Statement statement, List<TriggerModel> triggers) throws SQLException {
    List<TriggerModel> created = new ArrayList<>();
    for (TriggerModel trigger : triggers) {
      run(statement, trigger.sql())
          .ifPresentOrElse(
              e -> reportTrigger(trigger, SqliteMessages.of(e)), () -> created.add(trigger));
    }
    for (TriggerModel trigger : List.copyOf(created)) {
      Optional<String> error = TriggerProbe.probe(connection, trigger.name());
      if (error.isPresent()) {
        reportTrigger(trigger, error.get());
        statement.execute("DROP TRIGGER " + SqlIdentifiers.quote(trigger.name()));
        created.remove(trigger);
      }
    }
    statement.execute("CREATE TABLE " + PROBE + " (x)");
    for (int attempt = 0; attempt <= created.size(); attempt++) {
      Optional<SQLException> error =
          run(statement, "ALTER TABLE " + PROBE + " RENAME TO " + PROBE + "_renamed");
      if (error.isEmpty()) {
        return;
      }
      Matcher m = TRIGGER_ERROR.matcher(SqliteMessages.of(error.get()));
      Optional<TriggerModel> broken = m.matches() ? find(created, m.group(1)) : Optional.empty();
      if (broken.isEmpty()) {
        throw error.get();
      }
      reportTrigger(broken.get(), m.group(2));
      statement.execute("DROP TRIGGER " + SqlIdentifiers.quote(broken.get().name()));
      created.remove(broken.get());
    }
  }

  /**
   * Finds the piece of user SQL that SQLite rejects by leaving out one piece at a time; when none
   * alone is the cause, the whole entity is blamed.
   */
  private void blame(Statement statement, EntityModel table, SQLException error)
      throws SQLException {
    for (int i = 0; i < table.columns().size(); i++) {
      ColumnModel column = table.columns().get(i);
      for (ColumnModel.UserSql part : ColumnModel.UserSql.values()) {
        if (column.has(part) && accepts(statement, table.withColumn(i, column.without(part)))) {
          column
              .origin()
              .attribute(part.attribute())
              .report(
                  report,
                  Diagnostic.INVALID_SQL,
                  "the "
                      + part.attribute()
                      + " of column '"
                      + column.name()
                      + "' in table '"
                      + table.table()
                      + "'",
                  SqliteMessages.of(error));
          return;
        }
      }
    }
    table
        .origin()
        .report(
            report,
            Diagnostic.INVALID_SQL,
            "table '" + table.table() + "'",
            SqliteMessages.of(error));
  }

  private static boolean accepts(Statement statement, EntityModel table) throws SQLException {
    statement.execute("SAVEPOINT strata_probe");
    try {
      return run(statement, Ddl.createTable(table)).isEmpty();
    } finally {
      statement.execute("ROLLBACK TO strata_probe");
      statement.execute("RELEASE strata_probe");
    }
  }

  private void reportView(ViewModel view, SQLException error) {
    view.origin()
        .attribute("sql")
        .report(
            report, Diagnostic.INVALID_SQL, "view '" + view.name() + "'", SqliteMessages.of(error));
  }

  private void reportTrigger(TriggerModel trigger, String message) {
    trigger
        .origin()
        .attribute("sql")
        .report(report, Diagnostic.INVALID_SQL, "trigger '" + trigger.name() + "'", message);
  }

  private static Optional<TriggerModel> find(List<TriggerModel> triggers, String name) {
    String key = SqlIdentifiers.fold(name);
    return triggers.stream().filter(t -> SqlIdentifiers.fold(t.name()).equals(key)).findFirst();
  }

  private static Optional<SQLException> run(Statement statement, String sql) {
    try {
      statement.execute(sql);
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e);
    }
  }
}
