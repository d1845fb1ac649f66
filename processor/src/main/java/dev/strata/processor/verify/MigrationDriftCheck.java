package dev.strata.processor.verify;

import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.Origin;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.entity.ColumnModel;
import dev.strata.processor.entity.Ddl;
import dev.strata.processor.entity.EntityModel;
import dev.strata.processor.entity.EntitySchema;
import dev.strata.processor.entity.ForeignKeyModel;
import dev.strata.processor.entity.IndexModel;
import dev.strata.processor.entity.TriggerModel;
import dev.strata.processor.entity.ViewModel;
import dev.strata.processor.migration.MigrationAnnotation;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.schema.Drift;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaModel;
import dev.strata.schema.SqlNormalizer;
import dev.strata.sql.SqlIdentifiers;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code [MigrationDrift]}: the schema that the SQL migrations build on the replay, against the
 * entities' schema, both read by {@link SchemaInspector} and compared by {@link SchemaDiff} as
 * {@code validate()} compares a live database, so that the message is the run-time one. Each
 * difference is reported once, on the narrowest declaration it concerns: the field (or its
 * attribute) of a column, the {@code @Index}, {@code @Trigger}, {@code @View} or
 * {@code @References} of the object, else the entity; what no entity declares, on the migration
 * that last changed its table, or the newest.
 */
public final class MigrationDriftCheck {
  private final ReplayedSchema replayed;
  private final EntitySchema entities;
  private final ValidationReport.Builder report;

  private MigrationDriftCheck(
      ReplayedSchema replayed, EntitySchema entities, ValidationReport.Builder report) {
    this.replayed = replayed;
    this.entities = entities;
    this.report = report;
  }

  /**
   * Reports every difference at {@code level}: an error only where the replay ran the whole chain
   * (no Java migration) and the level is {@link DriftLevel#ERROR}.
   */
  public static void check(
      ReplayedSchema replayed,
      EntitySchema entities,
      DriftLevel level,
      ValidationReport.Builder report) {
    if (level == DriftLevel.OFF || entities.isEmpty()) {
      return;
    }
    new MigrationDriftCheck(replayed, entities, report).compare(level);
  }

  private void compare(DriftLevel level) {
    SchemaModel expected = SchemaInspector.inspect(Ddl.statements(entities));
    SchemaDiff diff = SchemaDiff.compare(expected, replayed.schema());
    List<MigrationModel> java = replayed.javaMigrations();
    Diagnostic diagnostic =
        level == DriftLevel.ERROR && java.isEmpty()
            ? Diagnostic.MIGRATION_DRIFT
            : Diagnostic.MIGRATION_DRIFT_WARNING;
    String note =
        java.isEmpty()
            ? ""
            : "; "
                + (java.size() == 1 ? "Java migration " : "Java migrations ")
                + java.stream()
                    .map(m -> m.qualifiedName() + " (version " + m.version() + ")")
                    .collect(Collectors.joining(", "))
                + " cannot run at compile time and may account for it: MigrationVerifier of"
                + " strata-testing checks the real chain";
    MigrationModel newest = replayed.newest();
    for (Drift item : diff.items()) {
      Object[] args = {
        newest.version(),
        newest.qualifiedName(),
        item.render(),
        note,
        newest.version(),
        action(item)
      };
      Optional<Origin> origin = declaration(item);
      if (origin.isPresent()) {
        origin.get().report(report, diagnostic, args);
      } else {
        MigrationAnnotation at = blamed(item).annotation();
        report.report(diagnostic, at.element(), at.mirror(), at.value("up"), args);
      }
    }
  }

  /** The entity-side declaration the item concerns; empty for what no entity declares. */
  private Optional<Origin> declaration(Drift item) {
    String object = item.object();
    if (object.startsWith("view ")) {
      return entities.views().stream()
          .filter(v -> same(v.name(), object.substring(5)))
          .findFirst()
          .map(ViewModel::origin);
    }
    if (object.startsWith("trigger ")) {
      String name = object.substring(8);
      Optional<Origin> declared =
          entities.triggers().stream()
              .filter(t -> same(t.name(), name))
              .findFirst()
              .map(TriggerModel::origin);
      return declared.or(
          () ->
              replayed
                  .schema()
                  .trigger(name)
                  .flatMap(t -> entity(t.table()))
                  .map(EntityModel::origin));
    }
    Optional<EntityModel> entity = entity(object.substring("table ".length()));
    return entity.map(e -> withinTable(e, item));
  }

  private Origin withinTable(EntityModel entity, Drift item) {
    String detail = item.detail();
    if (detail.startsWith("column ")) {
      int colon = detail.indexOf(": ");
      String name = detail.substring(7, colon < 0 ? detail.length() : colon);
      return entity.column(name).map(c -> columnAttribute(c, item.kind())).orElse(entity.origin());
    }
    if (detail.startsWith("primary key") || detail.startsWith("AUTOINCREMENT")) {
      return entity.primaryKey().stream()
          .findFirst()
          .map(
              id ->
                  detail.startsWith("AUTOINCREMENT")
                      ? id.idOrigin().attribute("autoIncrement")
                      : id.idOrigin())
          .orElse(entity.origin());
    }
    if (detail.startsWith("check (")) {
      String expression = detail.substring(7, detail.length() - 1);
      return entity.columns().stream()
          .filter(c -> checksOf(c).contains(expression))
          .findFirst()
          .map(c -> c.has(ColumnModel.UserSql.CHECK) ? c.origin().attribute("check") : c.origin())
          .orElse(entity.origin());
    }
    if (detail.startsWith("unique (")) {
      List<String> columns = terms(detail.substring(detail.indexOf('(')));
      return columns.size() == 1
          ? entity
              .column(columns.get(0))
              .filter(ColumnModel::unique)
              .map(c -> c.origin().attribute("unique"))
              .orElse(entity.origin())
          : entity.origin();
    }
    if (detail.startsWith("foreign key (")) {
      List<String> columns = SqlIdentifiers.fold(terms(detail.substring(12)));
      return entity.foreignKeys().stream()
          .filter(k -> SqlIdentifiers.fold(k.columnNames()).equals(columns))
          .findFirst()
          .map(ForeignKeyModel::origin)
          .orElse(entity.origin());
    }
    if (detail.startsWith("index ")) {
      int colon = detail.indexOf(": ");
      String name = detail.substring(6, colon < 0 ? detail.length() : colon);
      return entity.indexes().stream()
          .filter(i -> same(i.name(), name))
          .findFirst()
          .map(IndexModel::origin)
          .orElse(entity.origin());
    }
    return entity.origin();
  }

  /** The attribute that decides what differs, when written; the field otherwise. */
  private static Origin columnAttribute(ColumnModel column, Drift.Kind kind) {
    Origin field = column.origin();
    return switch (kind) {
      case TYPE_MISMATCH -> field.attribute("sqlType");
      case NULLABILITY_MISMATCH -> field.attribute("nullable");
      case DEFAULT_MISMATCH -> field.attribute("defaultValue");
      case COLLATION_MISMATCH -> field.attribute("collate");
      default -> field;
    };
  }

  /** The column's CHECKs as {@link SchemaModel} records them: normalised expressions. */
  private static List<String> checksOf(ColumnModel column) {
    List<String> checks = new java.util.ArrayList<>();
    if (column.has(ColumnModel.UserSql.CHECK)) {
      checks.add(SqlNormalizer.normalize(column.check().strip()));
    }
    if (!column.allowedValues().isEmpty()) {
      checks.add(
          SqlNormalizer.normalize(
              SqlIdentifiers.quote(column.name())
                  + " IN ("
                  + String.join(", ", column.allowedValues())
                  + ")"));
    }
    return checks;
  }

  /** {@code (a, b)} → {@code [a, b]}. */
  private static List<String> terms(String list) {
    String inside = list.substring(list.indexOf('(') + 1, list.indexOf(')'));
    return Arrays.stream(inside.split(",")).map(String::strip).toList();
  }

  private MigrationModel blamed(Drift item) {
    String object = item.object();
    return object.startsWith("table ")
        ? replayed.blamed(SqlIdentifiers.fold(object.substring(6)))
        : replayed.newest();
  }

  private Optional<EntityModel> entity(String table) {
    return entities.tables().stream().filter(t -> same(t.table(), table)).findFirst();
  }

  private static boolean same(String a, String b) {
    return SqlIdentifiers.fold(a).equals(SqlIdentifiers.fold(b));
  }

  /** What the hint's migration would do: "adds column sku to table part", ... */
  private static String action(Drift item) {
    String object = item.object();
    String detail = item.detail();
    String part = detail.contains(": ") ? detail.substring(0, detail.indexOf(": ")) : detail;
    String in = object.startsWith("table ") ? " of " + object : "";
    return switch (item.kind()) {
      case MISSING_TABLE, MISSING_VIEW, MISSING_TRIGGER -> "creates " + object;
      case EXTRA_TABLE, EXTRA_VIEW, EXTRA_TRIGGER -> "drops " + object;
      case VIEW_MISMATCH, TRIGGER_MISMATCH -> "drops and re-creates " + object;
      case MISSING_COLUMN -> "adds " + part + " to " + object;
      case EXTRA_COLUMN -> "drops " + part + in;
      case MISSING_INDEX -> "creates " + part + " on " + object.substring(6);
      case EXTRA_INDEX -> "drops " + part + in;
      case INDEX_MISMATCH -> "drops and re-creates " + part + in;
      default ->
          "rebuilds "
              + object
              + " (create the new table under another name, copy the rows, drop the old one,"
              + " rename the new one)";
    };
  }
}
