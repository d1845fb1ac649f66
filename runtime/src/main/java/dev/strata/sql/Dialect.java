package dev.strata.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL that Strata speaks to one kind of database: how names are quoted and folded, which column
 * type each Java type of the design's table maps to, how a script splits into statements, what a
 * driver's error says, and the catalogue queries the engine asks. The engine's own per-dialect
 * behaviour (the migration lock, claims, introspection) is chosen by this value too.
 *
 * <p>A dialect is chosen from the JDBC URL ({@link #ofUrl}), or from what a connection says it is
 * ({@link #of(Connection)}) when the application gives a {@code DataSource}.
 */
public enum Dialect {
  /** SQLite through sqlite-jdbc: the embedded default. */
  SQLITE("SQLite", "jdbc:sqlite:"),
  /** PostgreSQL through the PostgreSQL JDBC driver. */
  POSTGRESQL("PostgreSQL", "jdbc:postgresql:");

  /** A column type of a Java type; {@code allowed} lists the values a CHECK keeps it to. */
  public record ColumnType(String sql, List<String> allowed) {
    static ColumnType of(String sql) {
      return new ColumnType(sql, List.of());
    }
  }

  private static final Map<String, String> POSTGRES_TYPES =
      Map.ofEntries(
          Map.entry("boolean", "boolean"),
          Map.entry("byte", "smallint"),
          Map.entry("short", "smallint"),
          Map.entry("int", "integer"),
          Map.entry("long", "bigint"),
          Map.entry("float", "real"),
          Map.entry("double", "double precision"),
          Map.entry("byte[]", "bytea"),
          Map.entry("java.lang.String", "text"),
          Map.entry("java.math.BigDecimal", "numeric"),
          Map.entry("java.util.UUID", "uuid"),
          Map.entry("java.time.Instant", "timestamptz"),
          Map.entry("java.time.OffsetDateTime", "timestamptz"),
          Map.entry("java.time.LocalDate", "date"),
          Map.entry("java.time.LocalDateTime", "timestamp"),
          Map.entry("java.time.LocalTime", "time"),
          Map.entry("java.time.OffsetTime", "timetz"));

  /** The java.time types without a PostgreSQL type of the same meaning: ISO-8601 text. */
  private static final Set<String> ISO_TEXT =
      Set.of(
          "java.time.ZonedDateTime",
          "java.time.Duration",
          "java.time.Period",
          "java.time.Year",
          "java.time.YearMonth",
          "java.time.MonthDay",
          "java.time.ZoneId",
          "java.time.ZoneOffset");

  private static final Map<String, String> BOXES =
      Map.of(
          "java.lang.Boolean", "boolean",
          "java.lang.Byte", "byte",
          "java.lang.Short", "short",
          "java.lang.Integer", "int",
          "java.lang.Long", "long",
          "java.lang.Float", "float",
          "java.lang.Double", "double");

  /**
   * PostgreSQL's reserved key words (the "reserved" ones of its key word appendix, which cannot be
   * a table or column name unquoted), upper case.
   */
  private static final Set<String> POSTGRES_RESERVED =
      Set.of(
          "ALL",
          "ANALYSE",
          "ANALYZE",
          "AND",
          "ANY",
          "ARRAY",
          "AS",
          "ASC",
          "ASYMMETRIC",
          "AUTHORIZATION",
          "BINARY",
          "BOTH",
          "CASE",
          "CAST",
          "CHECK",
          "COLLATE",
          "COLLATION",
          "COLUMN",
          "CONCURRENTLY",
          "CONSTRAINT",
          "CREATE",
          "CROSS",
          "CURRENT_CATALOG",
          "CURRENT_DATE",
          "CURRENT_ROLE",
          "CURRENT_SCHEMA",
          "CURRENT_TIME",
          "CURRENT_TIMESTAMP",
          "CURRENT_USER",
          "DEFAULT",
          "DEFERRABLE",
          "DESC",
          "DISTINCT",
          "DO",
          "ELSE",
          "END",
          "EXCEPT",
          "FALSE",
          "FETCH",
          "FOR",
          "FOREIGN",
          "FREEZE",
          "FROM",
          "FULL",
          "GRANT",
          "GROUP",
          "HAVING",
          "ILIKE",
          "IN",
          "INITIALLY",
          "INNER",
          "INTERSECT",
          "INTO",
          "IS",
          "ISNULL",
          "JOIN",
          "LATERAL",
          "LEADING",
          "LEFT",
          "LIKE",
          "LIMIT",
          "LOCALTIME",
          "LOCALTIMESTAMP",
          "NATURAL",
          "NOT",
          "NOTNULL",
          "NULL",
          "OFFSET",
          "ON",
          "ONLY",
          "OR",
          "ORDER",
          "OUTER",
          "OVERLAPS",
          "PLACING",
          "PRIMARY",
          "REFERENCES",
          "RETURNING",
          "RIGHT",
          "SELECT",
          "SESSION_USER",
          "SIMILAR",
          "SOME",
          "SYMMETRIC",
          "SYSTEM_USER",
          "TABLE",
          "TABLESAMPLE",
          "THEN",
          "TO",
          "TRAILING",
          "TRUE",
          "UNION",
          "UNIQUE",
          "USER",
          "USING",
          "VARIADIC",
          "VERBOSE",
          "WHEN",
          "WHERE",
          "WINDOW",
          "WITH");

  /** The names of the SQLSTATE classes a migration most often meets, for messages. */
  private static final Map<String, String> SQLSTATE_CLASSES =
      Map.ofEntries(
          Map.entry("08", "connection exception"),
          Map.entry("22", "data exception"),
          Map.entry("23", "integrity constraint violation"),
          Map.entry("25", "invalid transaction state"),
          Map.entry("28", "invalid authorization"),
          Map.entry("3D", "invalid catalog name"),
          Map.entry("40", "transaction rollback"),
          Map.entry("42", "syntax error or access rule violation"),
          Map.entry("53", "insufficient resources"),
          Map.entry("55", "object not in prerequisite state"),
          Map.entry("57", "operator intervention"));

  /** The "ERROR: " of a server message, and the "Position: 15" line pgjdbc adds after it. */
  private static final Pattern SERVER_MESSAGE =
      Pattern.compile(
          "^(?:ERROR|FATAL|PANIC): (.*?)(?:\\n\\s*(?:Position|Where|Hint|Detail):.*)?$",
          Pattern.DOTALL);

  private final String displayName;
  private final String urlPrefix;

  Dialect(String displayName, String urlPrefix) {
    this.displayName = displayName;
    this.urlPrefix = urlPrefix;
  }

  /** The database's own name, for messages: {@code "SQLite"}, {@code "PostgreSQL"}. */
  public String displayName() {
    return displayName;
  }

  /** The dialect of a JDBC URL, by its prefix; empty for any other URL. */
  public static Optional<Dialect> ofUrl(String url) {
    for (Dialect dialect : values()) {
      if (url != null
          && url.regionMatches(true, 0, dialect.urlPrefix, 0, dialect.urlPrefix.length())) {
        return Optional.of(dialect);
      }
    }
    return Optional.empty();
  }

  /**
   * The dialect of the database {@code connection} is open on, from its driver's product name.
   *
   * @throws SQLException for a database Strata does not speak, naming it
   */
  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    for (Dialect dialect : values()) {
      if (dialect.displayName.equalsIgnoreCase(product)) {
        return dialect;
      }
    }
    throw new SQLException(
        "The connection is to "
            + product
            + ", which Strata does not support: it runs on SQLite and PostgreSQL");
  }

  /** Whether {@code word} cannot name a table or column without quotes. */
  public boolean isReserved(String word) {
    return this == SQLITE
        ? SqlIdentifiers.isKeyword(word)
        : POSTGRES_RESERVED.contains(word.toUpperCase(Locale.ROOT));
  }

  /**
   * The name an unquoted identifier stands for: PostgreSQL folds it to lower case; SQLite keeps its
   * spelling and compares names ignoring ASCII case ({@link #sameName}).
   */
  public String unquoted(String word) {
    return this == SQLITE ? word : SqlIdentifiers.fold(word);
  }

  /** Whether two names, as the catalogue stores them, name the same object. */
  public boolean sameName(String a, String b) {
    return this == SQLITE ? SqlIdentifiers.fold(a).equals(SqlIdentifiers.fold(b)) : a.equals(b);
  }

  /** {@code name} as this dialect must see it: bare where that means the same, else quoted. */
  public String quote(String name) {
    if (this == SQLITE) {
      return SqlIdentifiers.quote(name);
    }
    boolean bare = !name.isEmpty() && !isReserved(name);
    for (int i = 0; i < name.length() && bare; i++) {
      char c = name.charAt(i);
      bare = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && ((c >= '0' && c <= '9') || c == '$'));
    }
    return bare ? name : '"' + name.replace("\"", "\"\"") + '"';
  }

  /**
   * The column type of a Java type, by its name as source spells it ({@code "long"}, {@code
   * "java.lang.Long"}, {@code "byte[]"}, {@code "java.time.Instant"}); empty for a type without a
   * mapping (an enum is text kept to its constants' names by a CHECK, which the caller adds).
   */
  public Optional<ColumnType> columnType(String javaType) {
    String type = BOXES.getOrDefault(javaType, javaType);
    if (this == SQLITE) {
      return switch (type) {
        case "boolean" -> Optional.of(new ColumnType("INTEGER", List.of("0", "1")));
        case "byte", "short", "int", "long" -> Optional.of(ColumnType.of("INTEGER"));
        case "float", "double" -> Optional.of(ColumnType.of("REAL"));
        case "byte[]" -> Optional.of(ColumnType.of("BLOB"));
        default ->
            POSTGRES_TYPES.containsKey(type) || ISO_TEXT.contains(type)
                ? Optional.of(ColumnType.of("TEXT"))
                : Optional.empty();
      };
    }
    if (ISO_TEXT.contains(type)) {
      return Optional.of(ColumnType.of("text"));
    }
    return Optional.ofNullable(POSTGRES_TYPES.get(type)).map(ColumnType::of);
  }

  /** The column definition of an auto-incremented integer primary key named {@code column}. */
  public String autoIncrementKey(String column) {
    return this == SQLITE
        ? quote(column) + " INTEGER PRIMARY KEY AUTOINCREMENT"
        : quote(column) + " bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
  }

  /** The statements of {@code script} in order, as this dialect reads them. */
  public List<String> split(String script) {
    return SqlSplitter.split(script, this);
  }

  /**
   * What the database said, without the driver's wrapping: SQLite's own words, or PostgreSQL's
   * message with its SQLSTATE and that code's class ({@code relation "x" does not exist (SQLSTATE
   * 42P01, syntax error or access rule violation)}).
   */
  public static String message(SQLException e) {
    String state = e.getSQLState();
    Matcher m = SERVER_MESSAGE.matcher(String.valueOf(e.getMessage()));
    if (state == null || state.length() != 5 || !m.matches()) {
      return SqliteMessages.of(e);
    }
    String kind = SQLSTATE_CLASSES.get(state.substring(0, 2));
    return m.group(1).strip() + " (SQLSTATE " + state + (kind == null ? "" : ", " + kind) + ")";
  }

  /** A query of one {@code ?} parameter, a table's name, that returns a row if the table exists. */
  public String tableExistsQuery() {
    return this == SQLITE
        ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        : "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
            + " AND tablename = ?";
  }

  /**
   * A query that counts the application's tables and views, leaving out the one named by its {@code
   * ?} parameter (the history table).
   */
  public String userObjectsQuery() {
    return this == SQLITE
        ? "SELECT count(*) FROM sqlite_master WHERE type IN ('table', 'view')"
            + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?"
        : "SELECT count(*) FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm')"
            + " AND c.relname <> ?";
  }
}
