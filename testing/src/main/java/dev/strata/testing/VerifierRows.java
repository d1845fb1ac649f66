package dev.strata.testing;

import dev.strata.schema.SchemaModel;
import dev.strata.sql.Dialect;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every row of every table, by key: the primary key, or the rowid of a table without one (on
 * PostgreSQL the {@code ctid}, the row's place, which a table rewrite keeps for rows written in
 * order, as the generated rows are). Values are kept in a comparable spelling (numbers as plain
 * decimals, blobs as hex).
 */
record VerifierRows(Map<String, Table> tables) {

  private static final int SHOWN = 5;

  /** One table's rows: key spelling to column values (lower-case column names). */
  record Table(String name, Map<String, Map<String, String>> rows) {}

  static VerifierRows of(Connection connection, SchemaModel model) throws SQLException {
    String rowid = Dialect.of(connection) == Dialect.SQLITE ? "rowid" : "ctid";
    Map<String, Table> tables = new LinkedHashMap<>();
    for (SchemaModel.Table table : model.tables()) {
      if (table.virtualModule() != null) {
        continue;
      }
      List<String> key = table.primaryKey();
      if (key.isEmpty() && table.withoutRowid()) {
        continue;
      }
      List<String> columns =
          table.columns().stream()
              .filter(c -> c.generated() == null)
              .map(SchemaModel.Column::name)
              .toList();
      StringBuilder sql = new StringBuilder("SELECT ");
      if (key.isEmpty()) {
        sql.append(rowid).append(", ");
      }
      for (String k : key) {
        sql.append(RowGenerator.quote(k)).append(", ");
      }
      sql.append(String.join(", ", columns.stream().map(RowGenerator::quote).toList()));
      sql.append(" FROM ").append(RowGenerator.quote(table.name()));
      Map<String, Map<String, String>> rows = new LinkedHashMap<>();
      int keys = key.isEmpty() ? 1 : key.size();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(sql.toString())) {
        while (rs.next()) {
          List<String> parts = new ArrayList<>();
          for (int i = 0; i < keys; i++) {
            String name = key.isEmpty() ? rowid : key.get(i);
            parts.add(name + "=" + spell(rs.getObject(i + 1)));
          }
          Map<String, String> values = new LinkedHashMap<>();
          for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i).toLowerCase(Locale.ROOT), spell(rs.getObject(keys + i + 1)));
          }
          rows.put("(" + String.join(", ", parts) + ")", values);
        }
      }
      tables.put(table.name().toLowerCase(Locale.ROOT), new Table(table.name(), rows));
    }
    return new VerifierRows(tables);
  }

  private static String spell(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return "x'" + HexFormat.of().formatHex(bytes) + "'";
    }
    if (value instanceof Number number) {
      try {
        BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
        return decimal.toPlainString();
      } catch (NumberFormatException e) {
        return number.toString();
      }
    }
    if (value instanceof String text) {
      return "'" + text + "'";
    }
    return value.toString();
  }

  /**
   * Compares the rows {@code before} a migration with these, after it: a lost table, a lost row and
   * a value that became NULL are {@code failures}; a value that changed is a {@code note}.
   */
  void compare(VerifierRows before, List<String> failures, List<String> notes) {
    for (Table old : before.tables().values()) {
      if (old.rows().isEmpty()) {
        continue;
      }
      Table now = tables.get(old.name().toLowerCase(Locale.ROOT));
      if (now == null) {
        failures.add(
            "table "
                + old.name()
                + " was dropped with its "
                + old.rows().size()
                + " rows (a migration that drops data on purpose declares destructive = true)");
        continue;
      }
      List<String> lost = new ArrayList<>();
      List<String> nulled = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      for (Map.Entry<String, Map<String, String>> row : old.rows().entrySet()) {
        Map<String, String> after = now.rows().get(row.getKey());
        if (after == null) {
          lost.add(row.getKey() + " " + row.getValue());
          continue;
        }
        for (Map.Entry<String, String> value : row.getValue().entrySet()) {
          if (value.getValue() == null || !after.containsKey(value.getKey())) {
            continue;
          }
          String now1 = after.get(value.getKey());
          String where = row.getKey() + " " + value.getKey() + ": " + value.getValue();
          if (now1 == null) {
            nulled.add(where + " -> NULL");
          } else if (!now1.equals(value.getValue())) {
            changed.add(where + " -> " + now1);
          }
        }
      }
      report(failures, "table " + old.name() + ": rows lost", lost);
      report(failures, "table " + old.name() + ": values became NULL", nulled);
      report(notes, "table " + old.name() + ": values changed", changed);
    }
  }

  private static void report(List<String> into, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder(title).append(" (").append(lines.size()).append("):");
    lines.stream().limit(SHOWN).forEach(l -> text.append("\n    ").append(l));
    if (lines.size() > SHOWN) {
      text.append("\n    ... and ").append(lines.size() - SHOWN).append(" more");
    }
    into.add(text.toString());
  }
}
