package dev.strata.schema;

import dev.strata.schema.CreateSql.IndexSql;
import dev.strata.schema.CreateSql.TableSql;
import dev.strata.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the {@link SchemaModel} of a SQLite database.
 *
 * <p>The PRAGMAs give columns, keys, indexes and foreign keys; the {@code sqlite_master} SQL gives
 * what they hide (CHECK, COLLATE, AUTOINCREMENT, generated expressions, WITHOUT ROWID, STRICT, ON
 * CONFLICT, deferred foreign keys, partial-index and expression terms) and the text of views and
 * triggers. UNIQUE constraints are recorded by their columns, never by the {@code
 * sqlite_autoindex_*} names SQLite gives them.
 *
 * <p>A virtual table is a table with its columns and its module ({@code fts5(title, body)}); the
 * shadow tables in which its module keeps its data ({@code *_data}, {@code *_idx}, ... for FTS5)
 * are left out, because they are made and changed by the module, not by the schema.
 */
public final class SchemaInspector {

  private SchemaInspector() {}

  /** Reads the main schema of {@code connection}. */
  public static SchemaModel inspect(Connection connection) throws SQLException {
    return inspect(connection, Set.of());
  }

  /**
   * Reads the main schema of {@code connection}, except the tables named in {@code ignoredTables}
   * (exact, lower-case names) and their indexes and triggers: bookkeeping such as the engine's
   * history, which is not part of an application's schema.
   */
  public static SchemaModel inspect(Connection connection, Set<String> ignoredTables)
      throws SQLException {
    Set<String> shadowTables = shadowTables(connection);
    Map<String, String> tableSql = new LinkedHashMap<>();
    Map<String, String> indexSql = new HashMap<>();
    List<SchemaModel.View> views = new ArrayList<>();
    List<SchemaModel.Trigger> triggers = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
                    + " WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")) {
      while (rows.next()) {
        if (ignoredTables.contains(rows.getString("tbl_name"))) {
          continue;
        }
        String name = rows.getString("name");
        String sql = rows.getString("sql");
        switch (rows.getString("type")) {
          case "table" -> {
            if (!shadowTables.contains(name)) {
              tableSql.put(name, sql);
            }
          }
          case "view" -> views.add(new SchemaModel.View(name, SqlNormalizer.normalize(sql)));
          case "trigger" ->
              triggers.add(
                  new SchemaModel.Trigger(
                      name, rows.getString("tbl_name"), SqlNormalizer.normalizeTrigger(sql)));
          // Read per table through the PRAGMAs; their SQL is kept here, as one lookup by name
          // would scan the whole schema.
          default -> indexSql.put(name, sql);
        }
      }
    }
    Map<String, String> canonicalNames = new HashMap<>();
    tableSql.keySet().forEach(n -> canonicalNames.put(SqlIdentifiers.fold(n), n));
    List<SchemaModel.Table> tables = new ArrayList<>();
    for (Map.Entry<String, String> entry : tableSql.entrySet()) {
      tables.add(
          new TableReader(connection, entry.getKey(), canonicalNames, indexSql)
              .read(entry.getValue()));
    }
    return new SchemaModel(tables, views, triggers);
  }

  /**
   * The shadow tables of the main schema's virtual tables, as SQLite (3.37 and later) lists them.
   */
  private static Set<String> shadowTables(Connection connection) throws SQLException {
    Set<String> names = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  /**
   * Runs {@code ddl} on a private in-memory database and reads it back. Generated code and the
   * annotation processor model their schema this way, so that the expected side of a drift check is
   * read by the same code as the live side.
   *
   * @throws SchemaException naming the statement that SQLite rejected
   */
  public static SchemaModel inspect(List<String> ddl) {
    // The driver is instantiated directly: inside javac, DriverManager may not see it.
    try (Connection connection =
        new org.sqlite.JDBC().connect("jdbc:sqlite::memory:", new Properties())) {
      try {
        DdlScript.run(connection, ddl);
      } catch (DdlScript.StatementFailed e) {
        throw new SchemaException(
            "invalid schema statement: " + e.statement() + ": " + e.getMessage(), e.getCause());
      }
      return inspect(connection);
    } catch (SQLException e) {
      throw new SchemaException("cannot inspect schema: " + e.getMessage(), e);
    }
  }

  /** Reads one table: its PRAGMAs, completed by what {@link CreateSql} finds in its SQL. */
  private record TableReader(
      Connection connection,
      String table,
      Map<String, String> canonicalNames,
      Map<String, String> indexSql) {

    SchemaModel.Table read(String sql) throws SQLException {
      TableSql parsed = CreateSql.parseTable(sql);
      List<SchemaModel.Column> columns = columns(parsed);
      Map<String, String> collations = new HashMap<>();
      columns.forEach(c -> collations.put(SqlIdentifiers.fold(c.name()), c.collation()));
      List<SchemaModel.Unique> uniques = new ArrayList<>();
      List<SchemaModel.Index> indexes = new ArrayList<>();
      boolean primaryKeyIndex = readIndexes(parsed, collations, uniques, indexes);
      // SQLite's own verdict on the rowid alias: any other primary key of a rowid table has an
      // index of origin "pk" (sqlite_autoindex_*), an INTEGER PRIMARY KEY DESC or INT PRIMARY KEY
      // as well. A virtual or WITHOUT ROWID table has no rowid to alias.
      boolean rowidAlias =
          !parsed.withoutRowid()
              && parsed.virtualModule() == null
              && columns.stream().filter(c -> c.primaryKeyPosition() > 0).count() == 1
              && !primaryKeyIndex;
      return new SchemaModel.Table(
          table,
          columns,
          parsed.primaryKeyOnConflict(),
          parsed.autoIncrement(),
          parsed.withoutRowid(),
          parsed.strict(),
          parsed.virtualModule(),
          parsed.checks(),
          uniques,
          foreignKeys(parsed),
          indexes,
          rowidAlias);
    }

    private List<SchemaModel.Column> columns(TableSql parsed) throws SQLException {
      List<SchemaModel.Column> columns = new ArrayList<>();
      eachRow(
          "table_xinfo",
          table,
          row -> {
            int hidden = row.getInt("hidden");
            if (hidden == 1) {
              return; // a virtual table's hidden column, not declared by the schema
            }
            String name = row.getString("name");
            CreateSql.ColumnSql columnSql = parsed.column(name);
            String type = row.getString("type");
            String defaultValue = row.getString("dflt_value");
            // table_xinfo's hidden is 2 for a virtual generated column and 3 for a stored one.
            SchemaModel.Generated generated =
                hidden >= 2
                    ? new SchemaModel.Generated(
                        Objects.requireNonNullElse(columnSql.generatedExpression(), ""),
                        hidden == 3)
                    : null;
            columns.add(
                new SchemaModel.Column(
                    name,
                    type == null ? "" : SqlNormalizer.normalize(type).toUpperCase(Locale.ROOT),
                    row.getInt("notnull") != 0,
                    columnSql.notNullOnConflict(),
                    defaultValue == null ? null : SqlNormalizer.normalizeDefault(defaultValue),
                    row.getInt("pk"),
                    columnSql.collation() == null ? "BINARY" : columnSql.collation(),
                    generated));
          });
      return columns;
    }

    /**
     * Adds the table's UNIQUE constraints and CREATE INDEX indexes; returns whether it has an index
     * for its primary key, which a rowid alias never has.
     */
    private boolean readIndexes(
        TableSql parsed,
        Map<String, String> columnCollations,
        List<SchemaModel.Unique> uniques,
        List<SchemaModel.Index> indexes)
        throws SQLException {
      record Listed(String name, boolean unique, String origin) {}
      List<Listed> listed = new ArrayList<>();
      eachRow(
          "index_list",
          table,
          row ->
              listed.add(
                  new Listed(
                      row.getString("name"), row.getInt("unique") != 0, row.getString("origin"))));
      boolean primaryKeyIndex = false;
      for (Listed index : listed) {
        switch (index.origin()) {
          case "u" -> {
            List<String> columns = new ArrayList<>();
            eachRow("index_info", index.name(), row -> columns.add(row.getString("name")));
            uniques.add(
                new SchemaModel.Unique(
                    keyTerms(index.name(), columnCollations, List.of()),
                    parsed.uniqueOnConflict(columns)));
          }
          case "c" -> {
            IndexSql sql = CreateSql.parseIndex(indexSql.get(index.name()));
            indexes.add(
                new SchemaModel.Index(
                    index.name(),
                    index.unique(),
                    keyTerms(index.name(), columnCollations, sql.terms()),
                    sql.where()));
          }
          default -> primaryKeyIndex = true; // "pk": implied by the primary key
        }
      }
      return primaryKeyIndex;
    }

    /**
     * The key terms of an index: {@code name [COLLATE X] [DESC]}, or for an expression the term as
     * written in {@code sqlTerms}. COLLATE appears only where it differs from the column's own.
     */
    private List<String> keyTerms(
        String index, Map<String, String> columnCollations, List<String> sqlTerms)
        throws SQLException {
      List<String> terms = new ArrayList<>();
      eachRow(
          "index_xinfo",
          index,
          row -> {
            if (row.getInt("key") == 0) {
              return; // the rowid or primary key that every index entry carries
            }
            int position = row.getInt("seqno");
            String name = row.getString("name");
            if (name == null) {
              terms.add(position < sqlTerms.size() ? sqlTerms.get(position) : "<expression>");
              return;
            }
            StringBuilder term = new StringBuilder(name);
            String collation = row.getString("coll").toUpperCase(Locale.ROOT);
            if (!collation.equals(
                columnCollations.getOrDefault(SqlIdentifiers.fold(name), "BINARY"))) {
              term.append(" COLLATE ").append(collation);
            }
            if (row.getInt("desc") != 0) {
              term.append(" DESC");
            }
            terms.add(term.toString());
          });
      return terms;
    }

    private List<SchemaModel.ForeignKey> foreignKeys(TableSql parsed) throws SQLException {
      record Key(
          List<String> columns,
          String parent,
          List<String> parentColumns,
          String onDelete,
          String onUpdate) {}
      Map<Integer, Key> keys = new LinkedHashMap<>();
      eachRow(
          "foreign_key_list",
          table,
          row -> {
            Key key = keys.get(row.getInt("id"));
            if (key == null) {
              key =
                  new Key(
                      new ArrayList<>(),
                      row.getString("table"),
                      new ArrayList<>(),
                      row.getString("on_delete"),
                      row.getString("on_update"));
              keys.put(row.getInt("id"), key);
            }
            key.columns().add(row.getString("from"));
            if (row.getString("to") != null) {
              key.parentColumns().add(row.getString("to"));
            }
          });
      List<SchemaModel.ForeignKey> foreignKeys = new ArrayList<>();
      for (Key key : keys.values()) {
        String parent =
            canonicalNames.getOrDefault(SqlIdentifiers.fold(key.parent()), key.parent());
        List<String> parentColumns =
            key.parentColumns().isEmpty() && canonicalNames.containsValue(parent)
                ? primaryKey(parent)
                : key.parentColumns();
        foreignKeys.add(
            new SchemaModel.ForeignKey(
                key.columns(),
                parent,
                parentColumns,
                key.onDelete(),
                key.onUpdate(),
                parsed.isDeferred(key.columns(), key.parent())));
      }
      return foreignKeys;
    }

    /** The primary key of {@code parent}, for a REFERENCES clause that names no columns. */
    private List<String> primaryKey(String parent) throws SQLException {
      Map<Integer, String> byPosition = new TreeMap<>();
      eachRow(
          "table_info",
          parent,
          row -> {
            if (row.getInt("pk") > 0) {
              byPosition.put(row.getInt("pk"), row.getString("name"));
            }
          });
      return List.copyOf(byPosition.values());
    }

    /** Runs a table-valued PRAGMA function; it takes the name as a parameter, so no quoting. */
    private void eachRow(String pragma, String argument, RowAction action) throws SQLException {
      try (PreparedStatement statement =
          connection.prepareStatement("SELECT * FROM pragma_" + pragma + "(?)")) {
        statement.setString(1, argument);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            action.accept(rows);
          }
        }
      }
    }
  }

  private interface RowAction {
    void accept(ResultSet row) throws SQLException;
  }
}
