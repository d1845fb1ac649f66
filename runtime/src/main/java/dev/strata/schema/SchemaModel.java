package dev.strata.schema;

import dev.strata.sql.SqlIdentifiers;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The shape of a SQLite schema as an immutable value: tables, views and triggers.
 *
 * <p>Everything except a table's columns is sorted, so two schemas with the same content are {@code
 * equals} whatever order they were created in. Columns keep their declaration order, which is part
 * of the table's shape; {@link SchemaDiff} matches them by name. Lookups by name ignore ASCII case,
 * as SQLite does. SQL fragments (CHECK expressions, defaults, view and trigger text) are in {@link
 * SqlNormalizer} form. The model never contains SQLite's own {@code sqlite_*} objects nor Strata's
 * {@code strata_history}.
 *
 * <p>Build one with {@link SchemaInspector}; write or read it with {@link SchemaSnapshot}.
 */
public record SchemaModel(List<Table> tables, List<View> views, List<Trigger> triggers) {
  /** The conflict resolution of a constraint without an {@code ON CONFLICT} clause. */
  public static final String DEFAULT_ON_CONFLICT = "ABORT";

  public SchemaModel {
    tables = sorted(tables, Table::name);
    views = sorted(views, View::name);
    triggers = sorted(triggers, Trigger::name);
  }

  public Optional<Table> table(String name) {
    return tables.stream().filter(t -> sameName(t.name(), name)).findFirst();
  }

  public Optional<View> view(String name) {
    return views.stream().filter(v -> sameName(v.name(), name)).findFirst();
  }

  public Optional<Trigger> trigger(String name) {
    return triggers.stream().filter(t -> sameName(t.name(), name)).findFirst();
  }

  /**
   * A table.
   *
   * @param columns in declaration order
   * @param primaryKeyOnConflict the PRIMARY KEY's {@code ON CONFLICT} resolution, e.g. {@code
   *     REPLACE}; {@link #DEFAULT_ON_CONFLICT} when it has none, or when there is no declared key
   * @param autoIncrement whether the rowid alias is declared {@code AUTOINCREMENT}
   * @param withoutRowid whether the table is declared {@code WITHOUT ROWID}
   * @param strict whether the table is declared {@code STRICT}
   * @param virtualModule for a virtual table, its module and arguments as normalised SQL, e.g.
   *     {@code fts5(title, body)}; {@code null} for an ordinary table
   * @param checks normalised CHECK expressions (without {@code CHECK (...)}), column and table
   *     level alike, since SQLite enforces both the same way
   * @param uniques UNIQUE constraints (SQLite's {@code sqlite_autoindex_*}), by their key columns
   * @param indexes indexes made by {@code CREATE INDEX}
   * @param rowidAlias whether the primary key is an alias for the rowid: a single column declared
   *     {@code INTEGER} in a rowid table, except when written {@code INTEGER PRIMARY KEY DESC} (see
   *     <a href="https://www.sqlite.org/lang_createtable.html#rowid">ROWIDs and the INTEGER PRIMARY
   *     KEY</a>). Such a column is the rowid: it can never hold NULL (inserting NULL assigns the
   *     next rowid), so the model records it {@code NOT NULL}, with SQLite's default conflict
   *     resolution, however the DDL spells it; {@code table_info} reports {@code notnull = 0} for
   *     it unless the DDL wrote {@code NOT NULL}, which SQLite never checks on it.
   */
  public record Table(
      String name,
      List<Column> columns,
      String primaryKeyOnConflict,
      boolean autoIncrement,
      boolean withoutRowid,
      boolean strict,
      String virtualModule,
      List<String> checks,
      List<Unique> uniques,
      List<ForeignKey> foreignKeys,
      List<Index> indexes,
      boolean rowidAlias) {

    public Table {
      Objects.requireNonNull(name, "name");
      columns = List.copyOf(columns);
      Objects.requireNonNull(primaryKeyOnConflict, "primaryKeyOnConflict");
      checks = checks.stream().sorted().distinct().toList();
      uniques = sorted(uniques, u -> String.join(",", u.columns()));
      foreignKeys = sorted(foreignKeys, ForeignKey::sortKey);
      indexes = sorted(indexes, Index::name);
      if (rowidAlias) {
        if (!hasIntegerPrimaryKey(columns, withoutRowid, virtualModule)) {
          throw new IllegalArgumentException(
              "table " + name + ": only a single INTEGER primary key column can alias the rowid");
        }
        columns = columns.stream().map(c -> c.primaryKeyPosition() > 0 ? c.asRowid() : c).toList();
      }
    }

    /**
     * A table whose primary key aliases the rowid exactly when SQLite's rule says it does for a key
     * not written {@code INTEGER PRIMARY KEY DESC}: for tables that never use that spelling.
     */
    public Table(
        String name,
        List<Column> columns,
        String primaryKeyOnConflict,
        boolean autoIncrement,
        boolean withoutRowid,
        boolean strict,
        String virtualModule,
        List<String> checks,
        List<Unique> uniques,
        List<ForeignKey> foreignKeys,
        List<Index> indexes) {
      this(
          name,
          columns,
          primaryKeyOnConflict,
          autoIncrement,
          withoutRowid,
          strict,
          virtualModule,
          checks,
          uniques,
          foreignKeys,
          indexes,
          hasIntegerPrimaryKey(columns, withoutRowid, virtualModule));
    }

    /**
     * Whether a table has what SQLite's rowid-alias rule asks for: a rowid table (neither {@code
     * WITHOUT ROWID} nor virtual) whose primary key is one column of declared type {@code INTEGER},
     * in any case. Such a key aliases the rowid unless it was written {@code INTEGER PRIMARY KEY
     * DESC}.
     */
    public static boolean hasIntegerPrimaryKey(
        List<Column> columns, boolean withoutRowid, String virtualModule) {
      if (withoutRowid || virtualModule != null) {
        return false;
      }
      List<Column> key = columns.stream().filter(c -> c.primaryKeyPosition() > 0).toList();
      return key.size() == 1 && key.get(0).type().equalsIgnoreCase("INTEGER");
    }

    public Optional<Column> column(String columnName) {
      return columns.stream().filter(c -> sameName(c.name(), columnName)).findFirst();
    }

    /** Primary-key column names in key order; empty when the table only has its rowid. */
    public List<String> primaryKey() {
      return columns.stream()
          .filter(c -> c.primaryKeyPosition() > 0)
          .sorted(Comparator.comparingInt(Column::primaryKeyPosition))
          .map(Column::name)
          .toList();
    }
  }

  /**
   * A column.
   *
   * @param type the declared type, uppercased and normalised; empty when none was declared
   * @param notNull whether SQLite refuses NULL in it: declared {@code NOT NULL}, or a primary-key
   *     column of a {@code WITHOUT ROWID} or {@code STRICT} table, or the table's {@link
   *     Table#rowidAlias() rowid alias}
   * @param notNullOnConflict the NOT NULL's {@code ON CONFLICT} resolution; {@link
   *     #DEFAULT_ON_CONFLICT} when it has none, or when the column is nullable or the rowid alias
   * @param defaultValue the DEFAULT expression in {@link SqlNormalizer#normalizeDefault} form, or
   *     {@code null} when there is none
   * @param primaryKeyPosition 1-based position in the primary key, 0 when not part of it
   * @param collation uppercased, {@code BINARY} when none was declared
   * @param generated the generation rule, or {@code null} for an ordinary column
   */
  public record Column(
      String name,
      String type,
      boolean notNull,
      String notNullOnConflict,
      String defaultValue,
      int primaryKeyPosition,
      String collation,
      Generated generated) {

    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(notNullOnConflict, "notNullOnConflict");
      Objects.requireNonNull(collation, "collation");
    }

    /** This column as the rowid holds it: never NULL, whatever its NOT NULL clause says. */
    Column asRowid() {
      return new Column(
          name,
          type,
          true,
          DEFAULT_ON_CONFLICT,
          defaultValue,
          primaryKeyPosition,
          collation,
          generated);
    }
  }

  /** A generated column: {@code AS (expression)}, stored or virtual. */
  public record Generated(String expression, boolean stored) {
    public Generated {
      Objects.requireNonNull(expression, "expression");
    }
  }

  /**
   * A UNIQUE constraint.
   *
   * @param columns key terms as in {@link Index#columns()}
   * @param onConflict its {@code ON CONFLICT} resolution, {@link #DEFAULT_ON_CONFLICT} when it has
   *     none
   */
  public record Unique(List<String> columns, String onConflict) {
    public Unique {
      columns = List.copyOf(columns);
      Objects.requireNonNull(onConflict, "onConflict");
    }
  }

  /**
   * A foreign key.
   *
   * @param parentColumns resolved to the parent's primary key when the DDL omits them
   * @param onDelete SQLite's words, e.g. {@code NO ACTION}, {@code CASCADE}, {@code SET NULL}
   * @param deferred whether it is {@code DEFERRABLE INITIALLY DEFERRED}, checked at commit rather
   *     than after each statement (every other spelling is immediate)
   */
  public record ForeignKey(
      List<String> columns,
      String parentTable,
      List<String> parentColumns,
      String onDelete,
      String onUpdate,
      boolean deferred) {

    public ForeignKey {
      columns = List.copyOf(columns);
      Objects.requireNonNull(parentTable, "parentTable");
      parentColumns = List.copyOf(parentColumns);
      Objects.requireNonNull(onDelete, "onDelete");
      Objects.requireNonNull(onUpdate, "onUpdate");
    }

    String sortKey() {
      return String.join(",", columns) + "->" + parentTable + String.join(",", parentColumns);
    }
  }

  /**
   * An index created by {@code CREATE INDEX}.
   *
   * @param columns key terms: a column name, followed by {@code COLLATE X} when the index's
   *     collation differs from the column's and by {@code DESC} when descending; an expression term
   *     is its normalised SQL
   * @param where the normalised WHERE expression of a partial index, or {@code null}
   */
  public record Index(String name, boolean unique, List<String> columns, String where) {
    public Index {
      Objects.requireNonNull(name, "name");
      columns = List.copyOf(columns);
    }
  }

  /** A view; {@code sql} is its normalised CREATE VIEW statement. */
  public record View(String name, String sql) {
    public View {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sql, "sql");
    }
  }

  /** A trigger on {@code table}; {@code sql} is its normalised CREATE TRIGGER statement. */
  public record Trigger(String name, String table, String sql) {
    public Trigger {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(sql, "sql");
    }
  }

  private static boolean sameName(String a, String b) {
    return SqlIdentifiers.fold(a).equals(SqlIdentifiers.fold(b));
  }

  private static <T> List<T> sorted(List<T> items, Function<T, String> key) {
    return items.stream().sorted(Comparator.comparing(key)).toList();
  }
}
