package dev.strata.processor.entity;

import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.ScratchDatabase;
import dev.strata.processor.base.ValidationReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;

/**
 * A {@code defaultValue} on an enum or boolean column must pass the CHECK Strata generates for it,
 * or every insert that leaves the column out fails. SQLite itself decides: a one-column table with
 * the column's generated definition (type, NOT NULL, DEFAULT, CHECK, COLLATE) takes one row of
 * defaults, so that expressions, affinity ({@code '1'} is stored as 1 in an INTEGER column), {@code
 * TRUE}/{@code FALSE} and collations count exactly as they will at run time.
 */
final class DefaultValues {
  private static final String PROBE = "strata_default_probe";

  private final ValidationReport.Builder report;

  private DefaultValues(ValidationReport.Builder report) {
    this.report = report;
  }

  /** Reports each default that its column's generated CHECK or NOT NULL refuses. */
  static void check(List<EntityModel> entities, ValidationReport.Builder report) {
    List<ColumnModel> columns =
        entities.stream()
            .flatMap(e -> e.columns().stream())
            .filter(DefaultValues::applies)
            .toList();
    if (columns.isEmpty()) {
      return;
    }
    try (Connection connection = ScratchDatabase.open();
        Statement statement = connection.createStatement()) {
      DefaultValues check = new DefaultValues(report);
      for (ColumnModel column : columns) {
        check.probe(statement, column);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("in-memory SQLite failed: " + e.getMessage(), e);
    }
  }

  /**
   * A default on a column with a generated CHECK; a bare name is already {@code [UnquotedDefault]}.
   */
  private static boolean applies(ColumnModel column) {
    return column.has(ColumnModel.UserSql.DEFAULT)
        && !column.allowedValues().isEmpty()
        && !SqlText.isBareName(column.defaultValue());
  }

  private void probe(Statement statement, ColumnModel column) throws SQLException {
    // Only what the generated definition says about this column: no key, no UNIQUE, and no user
    // CHECK, which may name other columns.
    ColumnModel alone =
        new ColumnModel(
            column.origin(),
            null,
            column.name(),
            column.javaType(),
            column.mappedType(),
            column.sqlType(),
            column.allowedValues(),
            column.notNull(),
            false,
            column.defaultValue(),
            "",
            column.collate(),
            false,
            column.dialectSql());
    EntityModel table =
        new EntityModel(column.origin(), PROBE, List.of(alone), List.of(), List.of(), List.of());
    statement.execute("SAVEPOINT strata_default");
    try {
      if (!succeeds(statement, Ddl.createTable(table))) {
        return; // SQL SQLite refuses outright is reported by the schema replay
      }
      if (!succeeds(statement, "INSERT INTO " + PROBE + " DEFAULT VALUES")) {
        String why =
            column.notNull() && isNull(statement, column.defaultValue())
                ? "the column is NOT NULL"
                : "the CHECK generated for "
                    + source(column)
                    + " allows only "
                    + String.join(", ", column.allowedValues());
        column
            .origin()
            .attribute("defaultValue")
            .report(
                report,
                Diagnostic.DEFAULT_NOT_ALLOWED,
                column.defaultValue().strip(),
                column.name(),
                why,
                column.allowedValues().get(0));
      }
    } finally {
      statement.execute("ROLLBACK TO strata_default");
      statement.execute("RELEASE strata_default");
    }
  }

  /** What the generated CHECK comes from: the enum's constants, or a boolean's 0 and 1. */
  private static String source(ColumnModel column) {
    if (column.javaType().getKind() == TypeKind.DECLARED) {
      Element type = ((DeclaredType) column.javaType()).asElement();
      if (type.getKind() == ElementKind.ENUM) {
        return "enum " + type.getSimpleName();
      }
    }
    return "a boolean";
  }

  private static boolean isNull(Statement statement, String defaultValue) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT (" + defaultValue.strip() + ") IS NULL")) {
      return rows.next() && rows.getBoolean(1);
    }
  }

  private static boolean succeeds(Statement statement, String sql) {
    try {
      statement.execute(sql);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }
}
