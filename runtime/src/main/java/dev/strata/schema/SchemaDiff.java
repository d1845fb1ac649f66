package dev.strata.schema;

import dev.strata.schema.Drift.Kind;
import dev.strata.schema.SchemaModel.Column;
import dev.strata.schema.SchemaModel.ForeignKey;
import dev.strata.schema.SchemaModel.Index;
import dev.strata.schema.SchemaModel.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The differences between the schema an application expects and the one a database has.
 *
 * <p>Unlike Room's comparison, this one covers CHECK constraints, collations, AUTOINCREMENT,
 * generated columns, table options, views and triggers as well as tables, columns, keys and
 * indexes. Column order is not compared: SQLite's {@code ALTER TABLE ADD COLUMN} can only append,
 * so migrations legitimately produce another order than a fresh CREATE TABLE.
 *
 * <p>Items come in a fixed order: tables, then views, then triggers, each in the expected model's
 * order followed by extras in the actual one's; within a table, columns, then table-level
 * properties, checks, unique constraints, foreign keys and indexes.
 */
public record SchemaDiff(List<Drift> items) {

  public SchemaDiff {
    items = List.copyOf(items);
  }

  public static SchemaDiff compare(SchemaModel expected, SchemaModel actual) {
    List<Drift> items = new ArrayList<>();
    matchBy(
        expected.tables(), actual.tables(), Table::name,
        table -> items.add(new Drift(Kind.MISSING_TABLE, "table " + table.name(), "", null, null)),
        table -> items.add(new Drift(Kind.EXTRA_TABLE, "table " + table.name(), "", null, null)),
        (e, a) -> new TableComparison("table " + e.name(), items).compare(e, a));
    compareSql(
        expected.views(), actual.views(), "view ", SchemaModel.View::name, SchemaModel.View::sql,
        Kind.MISSING_VIEW, Kind.EXTRA_VIEW, Kind.VIEW_MISMATCH, items);
    compareSql(
        expected.triggers(), actual.triggers(), "trigger ", SchemaModel.Trigger::name, SchemaModel.Trigger::sql,
        Kind.MISSING_TRIGGER, Kind.EXTRA_TRIGGER, Kind.TRIGGER_MISMATCH, items);
    return new SchemaDiff(items);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** One {@link Drift#render() line} per item, joined by {@code \n}; empty when there is no drift. */
  public String render() {
    return items.stream().map(Drift::render).collect(Collectors.joining("\n"));
  }

  /** Views and triggers: objects that are their SQL. */
  private static <T> void compareSql(
      List<T> expected, List<T> actual, String prefix, Function<T, String> name, Function<T, String> sql,
      Kind missing, Kind extra, Kind mismatch, List<Drift> items) {
    matchBy(
        expected, actual, name,
        e -> items.add(new Drift(missing, prefix + name.apply(e), "", null, null)),
        a -> items.add(new Drift(extra, prefix + name.apply(a), "", null, null)),
        (e, a) -> {
          if (!sql.apply(e).equals(sql.apply(a))) {
            items.add(new Drift(mismatch, prefix + name.apply(e), "definition", sql.apply(e), sql.apply(a)));
          }
        });
  }

  /** The drift within one table present on both sides. */
  private record TableComparison(String object, List<Drift> items) {

    void compare(Table e, Table a) {
      matchBy(
          e.columns(), a.columns(), Column::name,
          column -> add(Kind.MISSING_COLUMN, "column " + column.name(), definition(column), null),
          column -> add(Kind.EXTRA_COLUMN, "column " + column.name(), null, definition(column)),
          this::compareColumn);
      differ(Kind.PRIMARY_KEY_MISMATCH, "primary key", keyList(e.primaryKey()), keyList(a.primaryKey()));
      differ(Kind.AUTOINCREMENT_MISMATCH, "AUTOINCREMENT", yesNo(e.autoIncrement()), yesNo(a.autoIncrement()));
      differ(Kind.TABLE_OPTIONS_MISMATCH, "options", options(e), options(a));
      matchSets(e.checks(), a.checks(), Kind.MISSING_CHECK, Kind.EXTRA_CHECK, check -> "check (" + check + ")");
      matchSets(
          e.uniques(), a.uniques(), Kind.MISSING_UNIQUE, Kind.EXTRA_UNIQUE,
          unique -> "unique (" + String.join(", ", unique.columns()) + ")");
      matchBy(
          e.foreignKeys(), a.foreignKeys(), SchemaDiff::foreignKeyName,
          key -> add(Kind.MISSING_FOREIGN_KEY, foreignKeyName(key), definition(key), null),
          key -> add(Kind.EXTRA_FOREIGN_KEY, foreignKeyName(key), null, definition(key)),
          (ek, ak) -> differ(Kind.FOREIGN_KEY_MISMATCH, foreignKeyName(ek), definition(ek), definition(ak)));
      matchBy(
          e.indexes(), a.indexes(), Index::name,
          index -> add(Kind.MISSING_INDEX, "index " + index.name(), definition(index), null),
          index -> add(Kind.EXTRA_INDEX, "index " + index.name(), null, definition(index)),
          (ei, ai) -> differ(Kind.INDEX_MISMATCH, "index " + ei.name(), definition(ei), definition(ai)));
    }

    private void compareColumn(Column e, Column a) {
      String column = "column " + e.name() + ": ";
      differ(Kind.TYPE_MISMATCH, column + "type", e.type(), a.type());
      differ(Kind.NULLABILITY_MISMATCH, column + "nullability", nullability(e), nullability(a));
      differ(Kind.DEFAULT_MISMATCH, column + "default", e.defaultValue(), a.defaultValue());
      differ(Kind.COLLATION_MISMATCH, column + "collation", e.collation(), a.collation());
      differ(Kind.GENERATED_MISMATCH, column + "generated", generated(e), generated(a));
    }

    /** Items present on one side only, by their own value (they have no name to match by). */
    private <T> void matchSets(List<T> e, List<T> a, Kind missing, Kind extra, Function<T, String> name) {
      e.stream().filter(item -> !a.contains(item)).forEach(item -> add(missing, name.apply(item), null, null));
      a.stream().filter(item -> !e.contains(item)).forEach(item -> add(extra, name.apply(item), null, null));
    }

    private void differ(Kind kind, String detail, String expected, String actual) {
      if (!Objects.equals(expected, actual)) {
        add(kind, detail, expected, actual);
      }
    }

    private void add(Kind kind, String detail, String expected, String actual) {
      items.add(new Drift(kind, object, detail, expected, actual));
    }
  }

  private static String definition(Column column) {
    StringBuilder out = new StringBuilder(column.type());
    if (column.notNull()) {
      out.append(" NOT NULL");
    }
    if (column.defaultValue() != null) {
      out.append(" DEFAULT ").append(column.defaultValue());
    }
    if (!column.collation().equals("BINARY")) {
      out.append(" COLLATE ").append(column.collation());
    }
    if (column.generated() != null) {
      out.append(' ').append(generated(column));
    }
    return out.toString().strip();
  }

  private static String generated(Column column) {
    SchemaModel.Generated generated = column.generated();
    return generated == null
        ? null
        : "AS (" + generated.expression() + ") " + (generated.stored() ? "STORED" : "VIRTUAL");
  }

  private static String nullability(Column column) {
    return column.notNull() ? "NOT NULL" : "NULL";
  }

  private static String keyList(List<String> columns) {
    return columns.isEmpty() ? null : "(" + String.join(", ", columns) + ")";
  }

  private static String yesNo(boolean value) {
    return value ? "yes" : "no";
  }

  private static String options(Table table) {
    List<String> options = new ArrayList<>();
    if (table.withoutRowid()) {
      options.add("WITHOUT ROWID");
    }
    if (table.strict()) {
      options.add("STRICT");
    }
    return options.isEmpty() ? null : String.join(", ", options);
  }

  private static String foreignKeyName(ForeignKey key) {
    return "foreign key " + keyList(key.columns());
  }

  private static String definition(ForeignKey key) {
    String parentColumns = key.parentColumns().isEmpty() ? "" : keyList(key.parentColumns());
    return "REFERENCES " + key.parentTable() + parentColumns
        + " ON DELETE " + key.onDelete() + " ON UPDATE " + key.onUpdate();
  }

  private static String definition(Index index) {
    return (index.unique() ? "UNIQUE " : "") + keyList(index.columns())
        + (index.where() == null ? "" : " WHERE " + index.where());
  }

  /**
   * Pairs items by key: expected ones in their order, then actual-only ones in theirs. A key that
   * repeats on one side (two foreign keys on the same columns) is told apart by its occurrence.
   */
  private static <T> void matchBy(
      List<T> expected, List<T> actual, Function<T, String> key,
      Consumer<T> missing, Consumer<T> extra, BiConsumer<T, T> both) {
    Map<String, T> e = keyed(expected, key);
    Map<String, T> a = keyed(actual, key);
    Set<String> keys = new LinkedHashSet<>(e.keySet());
    keys.addAll(a.keySet());
    for (String k : keys) {
      if (!a.containsKey(k)) {
        missing.accept(e.get(k));
      } else if (!e.containsKey(k)) {
        extra.accept(a.get(k));
      } else {
        both.accept(e.get(k), a.get(k));
      }
    }
  }

  private static <T> Map<String, T> keyed(List<T> items, Function<T, String> key) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : items) {
      String k = key.apply(item);
      for (int n = 2; map.containsKey(k); n++) {
        k = key.apply(item) + " #" + n;
      }
      map.put(k, item);
    }
    return map;
  }
}
