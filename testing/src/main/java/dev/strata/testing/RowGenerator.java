package dev.strata.testing;

import static java.time.ZoneOffset.UTC;

import dev.strata.schema.SchemaModel;
import dev.strata.sql.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills every table of a live database with a few rows, reading the table as it is (it may match no
 * entity yet): each column gets a value of its affinity (SQLite) or of its type, bound as that
 * type's Java value (PostgreSQL), nullable ones included, so that a lost value shows; primary-key
 * and unique columns get distinct values; a foreign key references a row its parent already has
 * (parents are filled first); a column with an enum-like {@code CHECK (x IN (...))} (which
 * PostgreSQL reads back as {@code x = ANY (ARRAY[...])}) takes a value from the list. A row that
 * another CHECK (or any constraint) rejects is tried with other values, then skipped.
 */
final class RowGenerator {
  static final int ROWS_PER_TABLE = 3;
  private static final int VARIANTS = 3;
  private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'|(-?\\d+(?:\\.\\d+)?)");

  /**
   * A value PostgreSQL reads from its text, whatever the column's type (json, arrays, domains):
   * bound untyped.
   */
  private record Untyped(String text) {}

  private RowGenerator() {}

  /** Inserts rows into each table of {@code model}, parents first; returns the count per table. */
  static Map<String, Integer> populate(Connection connection, SchemaModel model)
      throws SQLException {
    Map<String, Integer> inserted = new LinkedHashMap<>();
    Dialect dialect = Dialect.of(connection);
    Map<String, List<String>> checks = checks(connection, dialect, model);
    for (SchemaModel.Table table : parentsFirst(model)) {
      if (table.virtualModule() != null) {
        continue;
      }
      int count = 0;
      for (int row = 0; row < ROWS_PER_TABLE; row++) {
        if (insertRow(connection, dialect, model, table, checks.get(table.name()), row)) {
          count++;
        }
      }
      inserted.put(table.name(), count);
      if (dialect == Dialect.POSTGRESQL && count > 0) {
        advanceSequences(connection, table);
      }
    }
    return inserted;
  }

  /**
   * Moves each identity or serial sequence of {@code table} past the keys the rows named, so that a
   * migration that inserts without a key (a seed) gets a fresh one, as it would on live data.
   */
  private static void advanceSequences(Connection connection, SchemaModel.Table table)
      throws SQLException {
    for (SchemaModel.Column column : table.columns()) {
      String sequence;
      try (PreparedStatement find =
          connection.prepareStatement("SELECT pg_get_serial_sequence(?, ?)")) {
        find.setString(1, quote(table.name()));
        find.setString(2, column.name());
        try (ResultSet rs = find.executeQuery()) {
          rs.next();
          sequence = rs.getString(1);
        }
      }
      if (sequence != null) {
        try (PreparedStatement advance =
            connection.prepareStatement(
                "SELECT setval(?, max("
                    + quote(column.name())
                    + ")) FROM "
                    + quote(table.name())
                    + " HAVING max("
                    + quote(column.name())
                    + ") IS NOT NULL")) {
          advance.setString(1, sequence);
          advance.executeQuery().close();
        }
      }
    }
  }

  private static boolean insertRow(
      Connection connection,
      Dialect dialect,
      SchemaModel model,
      SchemaModel.Table table,
      List<String> checks,
      int row)
      throws SQLException {
    List<SchemaModel.Column> columns =
        table.columns().stream().filter(c -> c.generated() == null).toList();
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table.name())).append(" (");
    StringBuilder marks = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i).name()));
      marks.append(i == 0 ? "?" : ", ?");
    }
    // PostgreSQL: the generated rows name their keys, also those of GENERATED ALWAYS identities.
    sql.append(dialect == Dialect.POSTGRESQL ? ") OVERRIDING SYSTEM VALUE VALUES (" : ") VALUES (");
    sql.append(marks).append(')');
    for (int variant = 0; variant < VARIANTS; variant++) {
      try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < columns.size(); i++) {
          Object value =
              value(connection, dialect, model, table, checks, columns.get(i), row, variant);
          if (value instanceof Untyped untyped) {
            insert.setObject(i + 1, untyped.text(), Types.OTHER);
          } else {
            insert.setObject(i + 1, value);
          }
        }
        insert.executeUpdate();
        return true;
      } catch (SQLException rejected) {
        // a CHECK, UNIQUE or foreign key said no: try other values, then skip the row
      }
    }
    return false;
  }

  private static Object value(
      Connection connection,
      Dialect dialect,
      SchemaModel model,
      SchemaModel.Table table,
      List<String> checks,
      SchemaModel.Column column,
      int row,
      int variant)
      throws SQLException {
    for (SchemaModel.ForeignKey fk : table.foreignKeys()) {
      int at = indexOf(fk.columns(), column.name());
      if (at >= 0) {
        return parentValue(connection, dialect, model, fk, at, row);
      }
    }
    List<Object> allowed = enumValues(checks, column.name());
    if (!allowed.isEmpty()) {
      return allowed.get((row + variant) % allowed.size());
    }
    String type = column.type().toUpperCase(Locale.ROOT);
    int n = row + 1;
    if (dialect == Dialect.POSTGRESQL) {
      return postgresValue(type, column.name(), n, variant);
    }
    if (type.contains("INT")) {
      return switch (variant) {
        case 0 -> (long) n;
        case 1 -> (long) (row % 2);
        default -> n * 100L;
      };
    }
    if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
      return switch (variant) {
        case 0 -> column.name() + "-" + n;
        case 1 -> "2024-01-0" + n + "T10:00:00Z";
        default -> String.valueOf((char) ('A' + row));
      };
    }
    if (type.isEmpty() || type.contains("BLOB")) {
      return new byte[] {(byte) n, 7, (byte) variant};
    }
    if (type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB")) {
      return switch (variant) {
        case 0 -> n + 0.5;
        case 1 -> (double) (row % 2);
        default -> n * 10.25;
      };
    }
    return switch (variant) { // NUMERIC affinity
      case 0 -> (long) n;
      case 1 -> (long) (row % 2);
      default -> n + 0.5;
    };
  }

  /**
   * A value of a PostgreSQL type, as {@code format_type} spells it (upper-cased), as the Java type
   * the driver binds to it; {@code n} counts the rows from 1, and each variant differs.
   */
  private static Object postgresValue(String type, String column, int n, int variant) {
    if (type.endsWith("[]")) {
      return new Untyped("{}");
    }
    String base = type.replaceAll("\\(\\s*\\d+(?:\\s*,\\s*\\d+)?\\s*\\)", "").strip();
    return switch (base) {
      case "BIGINT" -> variant == 1 ? (long) (n % 2) : n * (variant == 0 ? 1L : 100L);
      case "INTEGER" -> variant == 1 ? n % 2 : n * (variant == 0 ? 1 : 100);
      case "SMALLINT" -> (short) (variant == 1 ? n % 2 : n * (variant == 0 ? 1 : 100));
      case "BOOLEAN" -> (n + variant) % 2 == 0;
      case "TEXT", "CHARACTER VARYING", "CHARACTER", "NAME", "CITEXT" ->
          switch (variant) {
            case 0 -> column + "-" + n;
            case 1 -> "2024-01-0" + n + "T10:00:00Z";
            default -> String.valueOf((char) ('A' + n - 1));
          };
      case "BYTEA" -> new byte[] {(byte) n, 7, (byte) variant};
      case "NUMERIC" ->
          variant == 1 ? BigDecimal.valueOf(n % 2) : BigDecimal.valueOf(n * 10 + 5, 1);
      case "DOUBLE PRECISION" -> variant == 1 ? (double) (n % 2) : n + 0.5;
      case "REAL" -> variant == 1 ? (float) (n % 2) : n + 0.5f;
      case "UUID" -> new UUID(0x5157_4154_4100_0000L + variant, n);
      case "DATE" -> LocalDate.of(2024, 1, n + variant);
      case "TIMESTAMP WITHOUT TIME ZONE" -> LocalDateTime.of(2024, 1, n, 10, variant);
      case "TIMESTAMP WITH TIME ZONE" -> OffsetDateTime.of(2024, 1, n, 10, variant, 0, 0, UTC);
      case "TIME WITHOUT TIME ZONE" -> LocalTime.of(10 + n, variant);
      case "TIME WITH TIME ZONE" -> OffsetTime.of(10 + n, variant, 0, 0, UTC);
      case "JSON", "JSONB" -> new Untyped("{\"n\": " + n + "}");
      default -> new Untyped(String.valueOf(n)); // a domain or type read from its text, or rejected
    };
  }

  /** The {@code at}-th referenced column of one parent row, a different row for each row. */
  private static Object parentValue(
      Connection connection,
      Dialect dialect,
      SchemaModel model,
      SchemaModel.ForeignKey fk,
      int at,
      int row)
      throws SQLException {
    String parentColumn;
    if (fk.parentColumns().isEmpty()) {
      Optional<SchemaModel.Table> parent = table(model, fk.parentTable());
      List<String> key = parent.map(SchemaModel.Table::primaryKey).orElse(List.of());
      parentColumn = key.size() > at ? key.get(at) : "rowid"; // PostgreSQL requires the key
    } else {
      parentColumn = fk.parentColumns().get(at);
    }
    String parentTable = quote(fk.parentTable());
    try (PreparedStatement count =
            connection.prepareStatement("SELECT count(*) FROM " + parentTable);
        ResultSet rows = count.executeQuery()) {
      long n = rows.next() ? rows.getLong(1) : 0;
      if (n == 0) {
        return null;
      }
      try (PreparedStatement pick =
          connection.prepareStatement(
              "SELECT "
                  + quote(parentColumn)
                  + " FROM "
                  + parentTable
                  + " ORDER BY "
                  + (dialect == Dialect.SQLITE ? "rowid" : quote(parentColumn))
                  + " LIMIT 1 OFFSET ?")) {
        pick.setLong(1, row % n);
        try (ResultSet picked = pick.executeQuery()) {
          return picked.next() ? picked.getObject(1) : null;
        }
      }
    } catch (SQLException withoutRowid) {
      try (PreparedStatement pick =
              connection.prepareStatement(
                  "SELECT " + quote(parentColumn) + " FROM " + parentTable + " LIMIT 1");
          ResultSet picked = pick.executeQuery()) {
        return picked.next() ? picked.getObject(1) : null;
      }
    }
  }

  /**
   * The CHECK expressions of each table: the model's on SQLite; on PostgreSQL as {@code
   * pg_get_constraintdef} prints them, since the model's normal form folds the case of the literals
   * inside {@code ARRAY[...]}.
   */
  private static Map<String, List<String>> checks(
      Connection connection, Dialect dialect, SchemaModel model) throws SQLException {
    Map<String, List<String>> checks = new LinkedHashMap<>();
    for (SchemaModel.Table table : model.tables()) {
      if (dialect == Dialect.SQLITE) {
        checks.put(table.name(), table.checks());
        continue;
      }
      List<String> definitions = new ArrayList<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT pg_get_constraintdef(oid) FROM pg_catalog.pg_constraint"
                  + " WHERE contype = 'c' AND conrelid = ?::regclass ORDER BY conname")) {
        query.setString(1, quote(table.name()));
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            definitions.add(rows.getString(1));
          }
        }
      }
      checks.put(table.name(), definitions);
    }
    return checks;
  }

  /**
   * The literals of a {@code CHECK (column IN (...))} among {@code checks}, or of PostgreSQL's
   * reading of it, {@code ((column)::text = ANY ((ARRAY['a'::character varying, ...])::text[]))},
   * if there is one.
   */
  static List<Object> enumValues(List<String> checks, String column) {
    String name = "\\(?[\"`\\[]?" + Pattern.quote(column) + "[\"`\\]]?\\)?";
    Pattern in =
        Pattern.compile(
            "(?i)"
                + name
                + "(?:\\s+IN\\s*\\(([^)]*)\\)"
                + "|(?:::\\w+)?\\s*=\\s*ANY\\s*\\(\\s*\\(?\\s*ARRAY\\s*\\[([^\\]]*)\\])");
    for (String check : checks) {
      Matcher m = in.matcher(check);
      if (m.find()) {
        List<Object> values = new ArrayList<>();
        String list = m.group(1) != null ? m.group(1) : m.group(2);
        // PostgreSQL's casts ('a'::text, ::character varying) hold no digits or quotes.
        Matcher literal = LITERAL.matcher(list.replaceAll("::[\\w ]+", ""));
        while (literal.find()) {
          if (literal.group(1) != null) {
            values.add(literal.group(1).replace("''", "'"));
          } else if (literal.group(2).contains(".")) {
            values.add(Double.parseDouble(literal.group(2)));
          } else {
            values.add(Long.parseLong(literal.group(2)));
          }
        }
        return values;
      }
    }
    return List.of();
  }

  /** Tables in an order where each table's parents come before it (cycles: as listed). */
  static List<SchemaModel.Table> parentsFirst(SchemaModel model) {
    Set<String> done = new LinkedHashSet<>();
    List<SchemaModel.Table> ordered = new ArrayList<>();
    for (SchemaModel.Table table : model.tables()) {
      visit(model, table, done, new LinkedHashSet<>(), ordered);
    }
    return ordered;
  }

  private static void visit(
      SchemaModel model,
      SchemaModel.Table table,
      Set<String> done,
      Set<String> visiting,
      List<SchemaModel.Table> ordered) {
    String key = table.name().toLowerCase(Locale.ROOT);
    if (done.contains(key) || !visiting.add(key)) {
      return;
    }
    for (SchemaModel.ForeignKey fk : table.foreignKeys()) {
      table(model, fk.parentTable()).ifPresent(p -> visit(model, p, done, visiting, ordered));
    }
    done.add(key);
    ordered.add(table);
  }

  static Optional<SchemaModel.Table> table(SchemaModel model, String name) {
    return model.tables().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  private static int indexOf(List<String> names, String name) {
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
