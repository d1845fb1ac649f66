package dev.strata.schema;

import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@link SchemaModel} of one schema of a PostgreSQL database from {@code pg_catalog}:
 * tables, columns (type, nullability, default, collation, identity), primary keys, foreign keys
 * with their actions, UNIQUE and CHECK constraints, indexes, views and triggers.
 *
 * <p>Everything is read as the server deparses it ({@code format_type}, {@code pg_get_expr}, {@code
 * pg_get_constraintdef}, {@code pg_get_viewdef}, {@code pg_get_triggerdef}), so spellings that mean
 * the same come out the same: {@code int4} and {@code integer}, quoted and unquoted lower-case
 * names, {@code IN (...)} and {@code = ANY (ARRAY[...])}. Defaults lose the casts the server adds
 * to literals ({@code 'x'::text} is {@code 'x'}), and {@code now()} reads as {@code
 * CURRENT_TIMESTAMP}. A column filled by a sequence, {@code serial} or a BY DEFAULT identity, has
 * no default (a GENERATED ALWAYS identity reads as that default, since it refuses explicit keys);
 * its table is marked {@link SchemaModel.Table#autoIncrement() autoIncrement}. Types are upper
 * case, as in SQLite's model; a collation other than the type's is recorded by name.
 *
 * <p>The expected side of a drift check is read by this same code ({@link #inspect(Connection,
 * List)}): the schema's DDL is run in a scratch schema, inside a transaction that is then rolled
 * back, so both sides are modelled by one reader and only real differences show.
 */
public final class PostgresInspector {
  /** {@code 'x'::text}, {@code '-1'::integer}, {@code 'a'::character varying(10)}: the cast. */
  private static final Pattern LITERAL_CAST =
      Pattern.compile("('(?:[^']|'')*')::[a-z][a-z0-9_ ]*(?:\\(\\d+(?:,\\d+)?\\))?(?:\\[\\])?");

  private static final Map<String, String> ACTIONS =
      Map.of(
          "a", "NO ACTION", "r", "RESTRICT", "c", "CASCADE", "n", "SET NULL", "d", "SET DEFAULT");

  /** How a GENERATED ALWAYS identity column's default reads, to tell it from BY DEFAULT. */
  static final String ALWAYS_IDENTITY = "GENERATED ALWAYS AS IDENTITY";

  private PostgresInspector() {}

  /**
   * Reads the connection's current schema, except the tables named in {@code ignoredTables} and
   * their indexes and triggers.
   */
  public static SchemaModel inspect(Connection connection, Set<String> ignoredTables)
      throws SQLException {
    String schema;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
      rs.next();
      schema = rs.getString(1);
    }
    return new Reader(connection, schema, ignoredTables).read();
  }

  /**
   * Runs {@code ddl} in a scratch schema of the database {@code connection} is open on, reads that
   * schema, and rolls everything back: the database is left as it was.
   *
   * @throws SchemaException naming the statement that PostgreSQL rejected
   */
  public static SchemaModel inspect(Connection connection, List<String> ddl) throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    String scratch = "strata_expected_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      // A read-only session may still run one read-write transaction, which is rolled back.
      statement.execute("SET TRANSACTION READ WRITE");
      statement.execute("CREATE SCHEMA " + scratch);
      statement.execute("SET LOCAL search_path = " + scratch);
      for (String sql : ddl) {
        try {
          statement.execute(sql);
        } catch (SQLException e) {
          throw new SchemaException(
              "The schema's DDL does not run on PostgreSQL, so drift cannot be checked: "
                  + Dialect.message(e)
                  + ", at: "
                  + sql,
              e);
        }
      }
      return new Reader(connection, scratch, Set.of()).read();
    } finally {
      connection.rollback();
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * The reading of one schema, which is the first on the search path: the server prints the names
   * of its objects unqualified.
   */
  private static final class Reader {
    private final Connection connection;
    private final String schema;
    private final Set<String> ignoredTables;

    Reader(Connection connection, String schema, Set<String> ignoredTables) {
      this.connection = connection;
      this.schema = schema;
      this.ignoredTables = ignoredTables;
    }

    SchemaModel read() throws SQLException {
      List<SchemaModel.Table> tables = new ArrayList<>();
      List<SchemaModel.View> views = new ArrayList<>();
      for (String[] relation :
          rows(
              "SELECT c.oid::text, c.relname, c.relkind::text FROM pg_class c"
                  + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm')"
                  + " ORDER BY c.relname",
              schema)) {
        long oid = Long.parseLong(relation[0]);
        String name = relation[1];
        if (ignoredTables.contains(name)) {
          continue;
        }
        if (relation[2].equals("v") || relation[2].equals("m")) {
          String definition = one("SELECT pg_get_viewdef(?::oid, true)", oid);
          views.add(
              new SchemaModel.View(
                  name,
                  SqlNormalizer.normalize(
                      "CREATE VIEW " + name + " AS " + definition, Dialect.POSTGRESQL)));
        } else {
          tables.add(table(oid, name));
        }
      }
      return new SchemaModel(tables, views, triggers());
    }

    private SchemaModel.Table table(long oid, String name) throws SQLException {
      Map<Integer, String> names = new LinkedHashMap<>();
      List<String[]> columns =
          rows(
              "SELECT a.attnum::text, a.attname, upper(format_type(a.atttypid, a.atttypmod)),"
                  + " a.attnotnull::text, pg_get_expr(d.adbin, d.adrelid), a.attidentity::text,"
                  + " a.attgenerated::text,"
                  + " CASE WHEN a.attcollation <> t.typcollation THEN co.collname END"
                  + " FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid"
                  + " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
                  + " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
                  + " WHERE a.attrelid = ?::oid AND a.attnum > 0 AND NOT a.attisdropped"
                  + " ORDER BY a.attnum",
              oid);
      columns.forEach(c -> names.put(Integer.parseInt(c[0]), c[1]));
      List<String> primaryKey = List.of();
      List<String> checks = new ArrayList<>();
      List<SchemaModel.Unique> uniques = new ArrayList<>();
      List<SchemaModel.ForeignKey> foreignKeys = new ArrayList<>();
      for (String[] c :
          rows(
              "SELECT c.contype::text, array_to_string(c.conkey, ','),"
                  + " pg_get_constraintdef(c.oid, true), f.relname,"
                  + " array_to_string(c.confkey, ','), c.confdeltype::text,"
                  + " c.confupdtype::text, c.condeferred::text, c.confrelid::text"
                  + " FROM pg_constraint c LEFT JOIN pg_class f ON f.oid = c.confrelid"
                  + " WHERE c.conrelid = ?::oid AND c.contype IN ('p', 'u', 'c', 'f')",
              oid)) {
        List<String> keys = columnNames(c[1], names);
        switch (c[0]) {
          case "p" -> primaryKey = keys;
          case "u" -> uniques.add(new SchemaModel.Unique(keys, SchemaModel.DEFAULT_ON_CONFLICT));
          case "c" ->
              checks.add(SqlNormalizer.normalize(checkExpression(c[2]), Dialect.POSTGRESQL));
          default ->
              foreignKeys.add(
                  new SchemaModel.ForeignKey(
                      keys,
                      c[3],
                      columnNames(c[4], attributeNames(Long.parseLong(c[8]))),
                      ACTIONS.get(c[5]),
                      ACTIONS.get(c[6]),
                      c[7].equals("true")));
        }
      }
      boolean autoIncrement = false;
      List<SchemaModel.Column> model = new ArrayList<>();
      for (String[] c : columns) {
        String dflt = c[4];
        boolean sequence = !c[5].isEmpty() || (dflt != null && dflt.startsWith("nextval("));
        autoIncrement |= sequence;
        SchemaModel.Generated generated = null;
        if (c[6].equals("s")) {
          generated =
              new SchemaModel.Generated(SqlNormalizer.normalize(dflt, Dialect.POSTGRESQL), true);
          dflt = null;
        }
        model.add(
            new SchemaModel.Column(
                c[1],
                c[2],
                c[3].equals("true"),
                SchemaModel.DEFAULT_ON_CONFLICT,
                // ALWAYS refuses an explicit key, unlike BY DEFAULT and serial: not the same.
                c[5].equals("a")
                    ? ALWAYS_IDENTITY
                    : sequence || dflt == null ? null : defaultValue(dflt),
                primaryKey.indexOf(c[1]) + 1,
                c[7] == null ? "BINARY" : c[7].toUpperCase(Locale.ROOT),
                generated));
      }
      return new SchemaModel.Table(
          name,
          model,
          SchemaModel.DEFAULT_ON_CONFLICT,
          autoIncrement,
          false,
          true, // PostgreSQL checks every declared type, as a STRICT table does
          null,
          checks,
          uniques,
          foreignKeys,
          indexes(oid),
          false);
    }

    /** The indexes made by CREATE INDEX: not those behind a PRIMARY KEY or UNIQUE constraint. */
    private List<SchemaModel.Index> indexes(long table) throws SQLException {
      List<SchemaModel.Index> indexes = new ArrayList<>();
      for (String[] i :
          rows(
              "SELECT ic.relname, x.indisunique::text, x.indnkeyatts::text,"
                  + " pg_get_expr(x.indpred, x.indrelid), x.indexrelid::text,"
                  + " array_to_string(x.indoption, ',')"
                  + " FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid"
                  + " WHERE x.indrelid = ?::oid AND NOT EXISTS"
                  + " (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid"
                  + " AND c.conrelid = x.indrelid)",
              table)) {
        int keys = Integer.parseInt(i[2]);
        String[] options = i[5].split(",");
        List<String> terms = new ArrayList<>();
        for (int k = 1; k <= keys; k++) {
          String term = one("SELECT pg_get_indexdef(?::oid, " + k + ", true)", i[4]);
          boolean desc = k - 1 < options.length && (Integer.parseInt(options[k - 1]) & 1) == 1;
          terms.add(SqlNormalizer.normalize(term, Dialect.POSTGRESQL) + (desc ? " DESC" : ""));
        }
        indexes.add(
            new SchemaModel.Index(
                i[0],
                i[1].equals("true"),
                terms,
                i[3] == null ? null : SqlNormalizer.normalize(i[3], Dialect.POSTGRESQL)));
      }
      return indexes;
    }

    /** Each user trigger with the body of its function, which is what it does. */
    private List<SchemaModel.Trigger> triggers() throws SQLException {
      List<SchemaModel.Trigger> triggers = new ArrayList<>();
      for (String[] t :
          rows(
              "SELECT tg.tgname, c.relname, pg_get_triggerdef(tg.oid, true), p.prosrc,"
                  + " l.lanname FROM pg_trigger tg"
                  + " JOIN pg_class c ON c.oid = tg.tgrelid"
                  + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " JOIN pg_proc p ON p.oid = tg.tgfoid"
                  + " JOIN pg_language l ON l.oid = p.prolang"
                  + " WHERE n.nspname = ? AND NOT tg.tgisinternal",
              schema)) {
        if (ignoredTables.contains(t[1])) {
          continue;
        }
        triggers.add(
            new SchemaModel.Trigger(
                t[0],
                t[1],
                SqlNormalizer.normalize(t[2], Dialect.POSTGRESQL)
                    + " -- LANGUAGE "
                    + t[4]
                    + ": "
                    + SqlNormalizer.normalize(t[3], Dialect.POSTGRESQL)));
      }
      return triggers;
    }

    private Map<Integer, String> attributeNames(long table) throws SQLException {
      Map<Integer, String> names = new LinkedHashMap<>();
      for (String[] a :
          rows(
              "SELECT attnum::text, attname FROM pg_attribute WHERE attrelid = ?::oid"
                  + " AND attnum > 0",
              table)) {
        names.put(Integer.parseInt(a[0]), a[1]);
      }
      return names;
    }

    private static List<String> columnNames(String numbers, Map<Integer, String> names) {
      if (numbers == null || numbers.isEmpty()) {
        return List.of();
      }
      List<String> columns = new ArrayList<>();
      for (String number : numbers.split(",")) {
        columns.add(names.get(Integer.parseInt(number)));
      }
      return columns;
    }

    /** The rows of a query of one parameter, every column as text. */
    private List<String[]> rows(String sql, Object parameter) throws SQLException {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.setString(1, String.valueOf(parameter));
        try (ResultSet rs = ps.executeQuery()) {
          List<String[]> rows = new ArrayList<>();
          int width = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            String[] row = new String[width];
            for (int i = 0; i < width; i++) {
              row[i] = rs.getString(i + 1);
            }
            rows.add(row);
          }
          return rows;
        }
      }
    }

    private String one(String sql, Object parameter) throws SQLException {
      return rows(sql, parameter).get(0)[0];
    }
  }

  /** {@code CHECK ((x > 0))} → {@code x > 0}. */
  private static String checkExpression(String definition) {
    String expression = definition.replaceFirst("^CHECK\\s*", "").strip();
    while (expression.startsWith("(") && enclosed(expression)) {
      expression = expression.substring(1, expression.length() - 1).strip();
    }
    return expression;
  }

  /** Whether the parenthesis that opens {@code text} closes at its very end. */
  private static boolean enclosed(String text) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth == 0) {
        return i == text.length() - 1;
      }
    }
    return false;
  }

  /** A default as the model holds it: literal casts dropped, {@code now()} as the standard. */
  static String defaultValue(String expression) {
    String plain = LITERAL_CAST.matcher(expression).replaceAll("$1");
    if (plain.equals("now()") || plain.equals("transaction_timestamp()")) {
      plain = "CURRENT_TIMESTAMP";
    }
    return SqlNormalizer.normalizeDefault(plain);
  }
}
