package dev.strata.processor.verify;

import dev.strata.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The rows of one database's {@code sqlite_master}, by rowid, as last read. SQLite has no index on
 * that table, so each lookup by name scans the whole schema, which made a replay quadratic in the
 * number of migrations; here a refresh reads only the rows that the statements run since the last
 * one may have changed: those of the objects they name or whose table they name (by rowid), and the
 * rows added since (a new object's rowid is above every present one). A statement that renames may
 * change any object, so it makes the next refresh read everything.
 */
final class SchemaRows {
  /** One row of {@code sqlite_master}. */
  private record Row(String type, String name, String table, String sql) {
    String line() {
      return type + " " + name + " " + table + ": " + (sql == null ? "" : sql);
    }
  }

  private static final String COLUMNS =
      "SELECT rowid, type, name, tbl_name, sql FROM sqlite_master";

  /** Names through which a statement may change rows of the catalogue that it does not name. */
  private static final Set<String> CATALOGUE =
      Set.of("sqlite_master", "sqlite_schema", "sqlite_temp_master", "writable_schema");

  private final TreeMap<Long, Row> rows = new TreeMap<>();

  /** Per folded name, the rowids of the objects of that name and of those whose table it is. */
  private final Map<String, Set<Long>> byName = new HashMap<>();

  /**
   * The folded names of the tables whose SQL has the word REFERENCES (perhaps in a string or
   * comment): the only ones that may declare a foreign key.
   */
  private final Set<String> referencing = new HashSet<>();

  /** Folded names the statements run since the last refresh use; null to read everything. */
  private Set<String> pending;

  /** Notes the names {@code sql} uses, since it ran on the database. */
  void ran(String sql) {
    if (pending != null) {
      Set<String> named = TableShapes.named(List.of(sql));
      if (named == null || !Collections.disjoint(named, CATALOGUE)) {
        pending = null;
      } else {
        pending.addAll(named);
      }
    }
  }

  /** Makes the next refresh read every row, as after a rollback that this did not see. */
  void readAllAgain() {
    pending = null;
  }

  /** Reads again the rows the statements since the last refresh may have changed. */
  void refresh(Connection db) throws SQLException {
    if (pending == null) {
      rows.clear();
      byName.clear();
      referencing.clear();
      read(db, COLUMNS, List.of());
    } else {
      Set<Long> known = new HashSet<>();
      for (String name : pending) {
        known.addAll(byName.getOrDefault(name, Set.of()));
      }
      for (Long rowid : known) {
        forget(rowid);
      }
      if (!known.isEmpty()) {
        String marks = String.join(", ", Collections.nCopies(known.size(), "?"));
        read(db, COLUMNS + " WHERE rowid IN (" + marks + ")", new ArrayList<>(known));
      }
      read(db, COLUMNS + " WHERE rowid > ?", List.of(rows.isEmpty() ? 0 : rows.lastKey()));
    }
    pending = new HashSet<>();
  }

  /** Every object named, or whose table is named, in {@code names} (folded), one line each. */
  String objects(Set<String> names) {
    Set<Long> matching = new HashSet<>();
    for (String name : names) {
      matching.addAll(byName.getOrDefault(name, Set.of()));
    }
    return String.join("\n", matching.stream().map(rows::get).map(Row::line).sorted().toList());
  }

  /**
   * Adds the shape of {@code table} (folded), as {@link TableShapes} keeps it, to {@code shapes} if
   * it exists, and its indexes to {@code owners}.
   */
  void shape(String table, Map<String, String> shapes, Map<String, String> owners) {
    List<String> lines = new ArrayList<>();
    for (Long rowid : byName.getOrDefault(table, Set.of())) {
      Row row = rows.get(rowid);
      boolean ofTable = SqlIdentifiers.fold(row.table()).equals(table);
      if (ofTable && (row.type().equals("table") || row.type().equals("index"))) {
        lines.add(TableShapes.line(row.type(), row.name(), row.sql()));
        if (row.type().equals("index")) {
          owners.put(SqlIdentifiers.fold(row.name()), table);
        }
      }
    }
    if (!lines.isEmpty()) {
      shapes.put(table, TableShapes.shape(lines));
    }
  }

  /** The folded names of every table and of every table an index belongs to. */
  Set<String> tables() {
    Set<String> tables = new HashSet<>();
    for (Row row : rows.values()) {
      if (row.type().equals("table") || row.type().equals("index")) {
        tables.add(SqlIdentifiers.fold(row.table()));
      }
    }
    return tables;
  }

  /** Whether a table but {@code table} (folded) may declare a foreign key. */
  boolean anyForeignKeyBeside(String table) {
    return referencing.size() > (referencing.contains(table) ? 1 : 0);
  }

  /** Whether a table of one of these folded names exists. */
  boolean hasTable(Set<String> tables) {
    for (String table : tables) {
      for (Long rowid : byName.getOrDefault(table, Set.of())) {
        Row row = rows.get(rowid);
        if (row.type().equals("table") && SqlIdentifiers.fold(row.name()).equals(table)) {
          return true;
        }
      }
    }
    return false;
  }

  private void forget(Long rowid) {
    Row row = rows.remove(rowid);
    if (row != null) {
      if (row.type().equals("table")) {
        referencing.remove(SqlIdentifiers.fold(row.name()));
      }
      for (String key : keys(row)) {
        Set<Long> ids = byName.get(key);
        ids.remove(rowid);
        if (ids.isEmpty()) {
          byName.remove(key);
        }
      }
    }
  }

  private void read(Connection db, String query, List<Long> parameters) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(query)) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setLong(i + 1, parameters.get(i));
      }
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          long rowid = result.getLong(1);
          Row row =
              new Row(
                  result.getString(2),
                  result.getString(3),
                  result.getString(4),
                  result.getString(5));
          forget(rowid);
          rows.put(rowid, row);
          if (row.type().equals("table")
              && row.sql() != null
              && row.sql().toUpperCase(Locale.ROOT).contains("REFERENCES")) {
            referencing.add(SqlIdentifiers.fold(row.name()));
          }
          for (String key : keys(row)) {
            byName.computeIfAbsent(key, k -> new HashSet<>()).add(rowid);
          }
        }
      }
    }
  }

  private static Set<String> keys(Row row) {
    Set<String> keys = new HashSet<>(2);
    keys.add(SqlIdentifiers.fold(row.name()));
    keys.add(SqlIdentifiers.fold(row.table()));
    return keys;
  }

  /** Whether {@code db} has temporary objects, which these rows do not hold. */
  static boolean hasTemporaryObjects(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet result = statement.executeQuery("SELECT 1 FROM sqlite_temp_master LIMIT 1")) {
      return result.next();
    }
  }
}
