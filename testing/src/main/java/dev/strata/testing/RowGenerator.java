package dev.strata.testing;

import dev.strata.schema.SchemaModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills every table of a live database with a few rows, reading the table as it is (it may match no
 * entity yet): each column gets a value of its affinity, nullable ones included, so that a lost
 * value shows; primary-key and unique columns get distinct values; a foreign key references a row
 * its parent already has (parents are filled first); a column with an enum-like {@code CHECK (x IN
 * (...))} takes a value from the list. A row that another CHECK (or any constraint) rejects is
 * tried with other values, then skipped.
 */
final class RowGenerator {
  static final int ROWS_PER_TABLE = 3;
  private static final int VARIANTS = 3;
  private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'|(-?\\d+(?:\\.\\d+)?)");

  private RowGenerator() {}

  /** Inserts rows into each table of {@code model}, parents first; returns the count per table. */
  static Map<String, Integer> populate(Connection connection, SchemaModel model)
      throws SQLException {
    Map<String, Integer> inserted = new LinkedHashMap<>();
    for (SchemaModel.Table table : parentsFirst(model)) {
      if (table.virtualModule() != null) {
        continue;
      }
      int count = 0;
      for (int row = 0; row < ROWS_PER_TABLE; row++) {
        if (insertRow(connection, model, table, row)) {
          count++;
        }
      }
      inserted.put(table.name(), count);
    }
    return inserted;
  }

  private static boolean insertRow(
      Connection connection, SchemaModel model, SchemaModel.Table table, int row)
      throws SQLException {
    List<SchemaModel.Column> columns =
        table.columns().stream().filter(c -> c.generated() == null).toList();
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(table.name())).append(" (");
    StringBuilder marks = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(quote(columns.get(i).name()));
      marks.append(i == 0 ? "?" : ", ?");
    }
    sql.append(") VALUES (").append(marks).append(')');
    for (int variant = 0; variant < VARIANTS; variant++) {
      try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
        for (int i = 0; i < columns.size(); i++) {
          insert.setObject(i + 1, value(connection, model, table, columns.get(i), row, variant));
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
      SchemaModel model,
      SchemaModel.Table table,
      SchemaModel.Column column,
      int row,
      int variant)
      throws SQLException {
    for (SchemaModel.ForeignKey fk : table.foreignKeys()) {
      int at = indexOf(fk.columns(), column.name());
      if (at >= 0) {
        return parentValue(connection, model, fk, at, row);
      }
    }
    List<Object> allowed = enumValues(table, column.name());
    if (!allowed.isEmpty()) {
      return allowed.get((row + variant) % allowed.size());
    }
    String type = column.type().toUpperCase(Locale.ROOT);
    int n = row + 1;
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

  /** The {@code at}-th referenced column of one parent row, a different row for each row. */
  private static Object parentValue(
      Connection connection, SchemaModel model, SchemaModel.ForeignKey fk, int at, int row)
      throws SQLException {
    String parentColumn;
    if (fk.parentColumns().isEmpty()) {
      Optional<SchemaModel.Table> parent = table(model, fk.parentTable());
      List<String> key = parent.map(SchemaModel.Table::primaryKey).orElse(List.of());
      parentColumn = key.size() > at ? key.get(at) : "rowid";
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
                  + " ORDER BY rowid LIMIT 1 OFFSET ?")) {
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

  /** The literals of a {@code CHECK (column IN (...))} of the table, if it has one. */
  static List<Object> enumValues(SchemaModel.Table table, String column) {
    Pattern in =
        Pattern.compile(
            "(?i)[\"`\\[]?" + Pattern.quote(column) + "[\"`\\]]?\\s+IN\\s*\\(([^)]*)\\)");
    for (String check : table.checks()) {
      Matcher m = in.matcher(check);
      if (m.find()) {
        List<Object> values = new ArrayList<>();
        Matcher literal = LITERAL.matcher(m.group(1));
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
