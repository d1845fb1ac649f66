package dev.strata.schema;

import dev.strata.schema.Drift.Kind;
import dev.strata.schema.SchemaModel.Column;
import dev.strata.schema.SchemaModel.ForeignKey;
import dev.strata.schema.SchemaModel.Index;
import dev.strata.schema.SchemaModel.Table;
import dev.strata.sql.SqlIdentifiers;
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
 * generated columns, table options, {@code ON CONFLICT} clauses, deferred foreign keys, views and
 * triggers as well as tables, columns, keys and indexes. Column order is not compared: SQLite's
 * {@code ALTER TABLE ADD COLUMN} can only append, so migrations legitimately produce another order
 * than a fresh CREATE TABLE.
 *
 * <p>Names are matched as SQLite matches them, ignoring ASCII case, so {@code Name} and {@code
 * name} are one column; an item names a matched object in the expected schema's spelling.
 *
 * <p>It compares what SQLite enforces, as {@link SchemaModel} records it, so spellings that SQLite
 * treats alike are not drift: {@code id INTEGER PRIMARY KEY} with or without {@code NOT NULL} (a
 * rowid alias is never NULL), as a column or a table constraint, with or without a {@code
 * CONSTRAINT} name; a foreign key written on its column or as a table constraint, with or without
 * the parent's primary-key columns; a UNIQUE constraint on its column or on the table; {@code
 * DEFAULT 0}, {@code DEFAULT (0)} and {@code DEFAULT FALSE}. What behaves otherwise stays drift:
 * {@code INT PRIMARY KEY} and {@code INTEGER PRIMARY KEY DESC} are not rowid aliases (they accept
 * NULL, and get no automatic key), a declared type of another affinity (or any other declared type
 * in a STRICT table, which checks it), and a UNIQUE constraint is not a {@code CREATE UNIQUE
 * INDEX}: an index can be dropped by name, a constraint only by rebuilding its table, and only a
 * constraint has an {@code ON CONFLICT} clause.
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
        expected.tables(),
        actual.tables(),
        table -> SqlIdentifiers.fold(table.name()),
        table -> items.add(new Drift(Kind.MISSING_TABLE, "table " + table.name(), "", null, null)),
        table -> items.add(new Drift(Kind.EXTRA_TABLE, "table " + table.name(), "", null, null)),
        (e, a) -> new TableComparison("table " + e.name(), items).compare(e, a));
    compareSql(
        expected.views(),
        actual.views(),
        "view ",
        SchemaModel.View::name,
        SchemaModel.View::sql,
        Kind.MISSING_VIEW,
        Kind.EXTRA_VIEW,
        Kind.VIEW_MISMATCH,
        items);
    compareSql(
        expected.triggers(),
        actual.triggers(),
        "trigger ",
        SchemaModel.Trigger::name,
        SchemaModel.Trigger::sql,
        Kind.MISSING_TRIGGER,
        Kind.EXTRA_TRIGGER,
        Kind.TRIGGER_MISMATCH,
        items);
    return new SchemaDiff(items);
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /**
   * One {@link Drift#render() line} per item, joined by {@code \n}; empty when there is no drift.
   */
  public String render() {
    return items.stream().map(Drift::render).collect(Collectors.joining("\n"));
  }

  /** Views and triggers: objects that are their SQL. */
  private static <T> void compareSql(
      List<T> expected,
      List<T> actual,
      String prefix,
      Function<T, String> name,
      Function<T, String> sql,
      Kind missing,
      Kind extra,
      Kind mismatch,
      List<Drift> items) {
    matchBy(
        expected,
        actual,
        item -> SqlIdentifiers.fold(name.apply(item)),
        e -> items.add(new Drift(missing, prefix + name.apply(e), "", null, null)),
        a -> items.add(new Drift(extra, prefix + name.apply(a), "", null, null)),
        (e, a) -> {
          if (!sql.apply(e).equals(sql.apply(a))) {
            items.add(
                new Drift(
                    mismatch, prefix + name.apply(e), "definition", sql.apply(e), sql.apply(a)));
          }
        });
  }

  /** The drift within one table present on both sides. */
  private record TableComparison(String object, List<Drift> items) {

    void compare(Table e, Table a) {
      matchBy(
          e.columns(),
          a.columns(),
          column -> SqlIdentifiers.fold(column.name()),
          column -> add(Kind.MISSING_COLUMN, "column " + column.name(), definition(column), null),
          column -> add(Kind.EXTRA_COLUMN, "column " + column.name(), null, definition(column)),
          (ec, ac) -> compareColumn(ec, ac, e.strict() || a.strict()));
      differ(
          Kind.PRIMARY_KEY_MISMATCH,
          "primary key",
          keyList(e.primaryKey()),
          keyList(a.primaryKey()),
          SqlIdentifiers.fold(e.primaryKey()).equals(SqlIdentifiers.fold(a.primaryKey())));
      if (SqlIdentifiers.fold(e.primaryKey()).equals(SqlIdentifiers.fold(a.primaryKey()))) {
        // A key that is no rowid alias (INT, INTEGER PRIMARY KEY DESC, WITHOUT ROWID) against one
        // that is: the same key column, but a NULL key is refused or stored, not numbered.
        differ(
            Kind.PRIMARY_KEY_MISMATCH,
            "primary key: rowid alias",
            yesNo(e.rowidAlias()),
            yesNo(a.rowidAlias()));
      }
      differ(
          Kind.ON_CONFLICT_MISMATCH,
          "primary key ON CONFLICT",
          e.primaryKeyOnConflict(),
          a.primaryKeyOnConflict());
      differ(
          Kind.AUTOINCREMENT_MISMATCH,
          "AUTOINCREMENT",
          yesNo(e.autoIncrement()),
          yesNo(a.autoIncrement()));
      differ(Kind.TABLE_OPTIONS_MISMATCH, "options", options(e), options(a));
      matchSets(
          e.checks(),
          a.checks(),
          Kind.MISSING_CHECK,
          Kind.EXTRA_CHECK,
          check -> "check (" + check + ")");
      matchBy(
          e.uniques(),
          a.uniques(),
          unique -> termsKey(unique.columns()),
          unique ->
              add(
                  Kind.MISSING_UNIQUE,
                  uniqueName(unique),
                  onConflictClause(unique.onConflict()),
                  null),
          unique ->
              add(
                  Kind.EXTRA_UNIQUE,
                  uniqueName(unique),
                  null,
                  onConflictClause(unique.onConflict())),
          (eu, au) ->
              differ(
                  Kind.ON_CONFLICT_MISMATCH,
                  uniqueName(eu) + " ON CONFLICT",
                  eu.onConflict(),
                  au.onConflict()));
      matchBy(
          e.foreignKeys(),
          a.foreignKeys(),
          key -> SqlIdentifiers.fold(foreignKeyName(key)),
          key -> add(Kind.MISSING_FOREIGN_KEY, foreignKeyName(key), definition(key), null),
          key -> add(Kind.EXTRA_FOREIGN_KEY, foreignKeyName(key), null, definition(key)),
          (ek, ak) -> {
            // Apart from names, which fold, a reference holds only SQLite's own upper-case words.
            String expected = reference(ek);
            String actual = reference(ak);
            differ(
                Kind.FOREIGN_KEY_MISMATCH,
                foreignKeyName(ek),
                expected,
                actual,
                SqlIdentifiers.fold(expected).equals(SqlIdentifiers.fold(actual)));
            differ(
                Kind.FOREIGN_KEY_DEFERRAL_MISMATCH,
                foreignKeyName(ek) + ": deferral",
                deferral(ek),
                deferral(ak));
          });
      matchBy(
          e.indexes(),
          a.indexes(),
          index -> SqlIdentifiers.fold(index.name()),
          index -> add(Kind.MISSING_INDEX, "index " + index.name(), definition(index), null),
          index -> add(Kind.EXTRA_INDEX, "index " + index.name(), null, definition(index)),
          (ei, ai) ->
              differ(
                  Kind.INDEX_MISMATCH,
                  "index " + ei.name(),
                  definition(ei),
                  definition(ai),
                  ei.unique() == ai.unique()
                      && termsKey(ei.columns()).equals(termsKey(ai.columns()))
                      && Objects.equals(ei.where(), ai.where())));
    }

    /**
     * Outside a STRICT table a declared type only chooses the column's affinity, so {@code INT} and
     * {@code INTEGER} behave alike there (a rowid alias is compared apart, with the primary key).
     */
    private void compareColumn(Column e, Column a, boolean strict) {
      String column = "column " + e.name() + ": ";
      differ(
          Kind.TYPE_MISMATCH,
          column + "type",
          e.type(),
          a.type(),
          strict
              ? Objects.equals(e.type(), a.type())
              : affinity(e.type()).equals(affinity(a.type())));
      differ(Kind.NULLABILITY_MISMATCH, column + "nullability", nullability(e), nullability(a));
      differ(
          Kind.ON_CONFLICT_MISMATCH,
          column + "NOT NULL ON CONFLICT",
          e.notNullOnConflict(),
          a.notNullOnConflict());
      differ(Kind.DEFAULT_MISMATCH, column + "default", e.defaultValue(), a.defaultValue());
      differ(Kind.COLLATION_MISMATCH, column + "collation", e.collation(), a.collation());
      differ(Kind.GENERATED_MISMATCH, column + "generated", generated(e), generated(a));
    }

    /** Items present on one side only, by their own value (they have no name to match by). */
    private <T> void matchSets(
        List<T> e, List<T> a, Kind missing, Kind extra, Function<T, String> name) {
      e.stream()
          .filter(item -> !a.contains(item))
          .forEach(item -> add(missing, name.apply(item), null, null));
      a.stream()
          .filter(item -> !e.contains(item))
          .forEach(item -> add(extra, name.apply(item), null, null));
    }

    private void differ(Kind kind, String detail, String expected, String actual) {
      differ(kind, detail, expected, actual, Objects.equals(expected, actual));
    }

    /** Reports a difference unless {@code same}, for values that compare otherwise than as text. */
    private void differ(Kind kind, String detail, String expected, String actual, boolean same) {
      if (!same) {
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
      String clause = onConflictClause(column.notNullOnConflict());
      if (clause != null) {
        out.append(' ').append(clause);
      }
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
    if (table.virtualModule() != null) {
      options.add("USING " + table.virtualModule());
    }
    return options.isEmpty() ? null : String.join(", ", options);
  }

  private static String uniqueName(SchemaModel.Unique unique) {
    return "unique " + keyList(unique.columns());
  }

  /**
   * Index and unique key terms as compared: a term is a column name, possibly with COLLATE and
   * DESC, or normalised SQL, so normalising it again folds the case of names and nothing else.
   */
  private static String termsKey(List<String> terms) {
    return terms.stream().map(SqlNormalizer::normalize).collect(Collectors.joining(", "));
  }

  private static String foreignKeyName(ForeignKey key) {
    return "foreign key " + keyList(key.columns());
  }

  private static String definition(ForeignKey key) {
    return reference(key) + (key.deferred() ? " DEFERRABLE INITIALLY DEFERRED" : "");
  }

  /** The parent and the actions: what a foreign key does, as opposed to when it is checked. */
  private static String reference(ForeignKey key) {
    String parentColumns = key.parentColumns().isEmpty() ? "" : keyList(key.parentColumns());
    return "REFERENCES "
        + key.parentTable()
        + parentColumns
        + " ON DELETE "
        + key.onDelete()
        + " ON UPDATE "
        + key.onUpdate();
  }

  private static String deferral(ForeignKey key) {
    return key.deferred() ? "DEFERRED" : "IMMEDIATE";
  }

  /** {@code ON CONFLICT X}, or {@code null} for SQLite's default, which goes without saying. */
  private static String onConflictClause(String resolution) {
    return resolution.equals(SchemaModel.DEFAULT_ON_CONFLICT) ? null : "ON CONFLICT " + resolution;
  }

  private static String definition(Index index) {
    return (index.unique() ? "UNIQUE " : "")
        + keyList(index.columns())
        + (index.where() == null ? "" : " WHERE " + index.where());
  }

  /**
   * Pairs items by key: expected ones in their order, then actual-only ones in theirs. A key that
   * repeats on one side (two foreign keys on the same columns) is told apart by its occurrence.
   */
  private static <T> void matchBy(
      List<T> expected,
      List<T> actual,
      Function<T, String> key,
      Consumer<T> missing,
      Consumer<T> extra,
      BiConsumer<T, T> both) {
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

  /** SQLite's column affinity of a declared type, by its documented rules, in their order. */
  static String affinity(String declaredType) {
    String type = declaredType == null ? "" : declaredType.toUpperCase(java.util.Locale.ROOT);
    if (type.contains("INT")) {
      return "INTEGER";
    }
    if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
      return "TEXT";
    }
    if (type.isEmpty() || type.contains("BLOB")) {
      return "BLOB";
    }
    if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
      return "REAL";
    }
    return "NUMERIC";
  }
}
