package dev.strata.processor.verify;

import dev.strata.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the foreign keys of a replayed schema from SQLite's PRAGMAs, and finds those that SQLite
 * accepted but that cannot work, as the entity side checks them: a parent table that does not
 * exist, a parent column that does not exist, and a parent key that is neither the primary key nor
 * covered by a UNIQUE constraint or a unique, non-partial index on exactly its columns (SQLite then
 * fails every write to the child with "foreign key mismatch").
 */
final class ForeignKeys {
  private ForeignKeys() {}

  /** One foreign key: the child's columns and the parent's, as declared (empty: its key). */
  record Key(
      String child,
      List<String> columns,
      String parent,
      List<String> parentColumns,
      String onDelete) {

    /** {@code child(a, b) REFERENCES parent(x, y)}, for messages. */
    String describe() {
      return child
          + "("
          + String.join(", ", columns)
          + ") REFERENCES "
          + parent
          + (parentColumns.isEmpty() ? "" : "(" + String.join(", ", parentColumns) + ")");
    }
  }

  /** What is wrong with one key. */
  sealed interface Problem {
    Key key();
  }

  record TableMissing(Key key, boolean isView) implements Problem {}

  record ColumnMissing(Key key, String column, List<String> parentColumns) implements Problem {}

  record NotUnique(Key key, List<String> referenced) implements Problem {}

  /** The main schema's tables, by folded name, as stored. */
  static Map<String, String> tables(Connection db) throws SQLException {
    return names(db, "table");
  }

  /** Every foreign key of every table, by child table name, then in declaration order. */
  static List<Key> keys(Connection db) throws SQLException {
    List<Key> keys = new ArrayList<>();
    for (String child : new TreeMap<>(tables(db)).values()) {
      Map<Integer, Key> byId = new LinkedHashMap<>();
      try (PreparedStatement statement =
          db.prepareStatement(
              "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?)"
                  + " ORDER BY id, seq")) {
        statement.setString(1, child);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            Key key = byId.get(rows.getInt(1));
            if (key == null) {
              key =
                  new Key(
                      child,
                      new ArrayList<>(),
                      rows.getString(2),
                      new ArrayList<>(),
                      rows.getString(5));
              byId.put(rows.getInt(1), key);
            }
            key.columns().add(rows.getString(3));
            if (rows.getString(4) != null) {
              key.parentColumns().add(rows.getString(4));
            }
          }
        }
      }
      byId.values()
          .forEach(
              k ->
                  keys.add(
                      new Key(
                          k.child(),
                          List.copyOf(k.columns()),
                          k.parent(),
                          List.copyOf(k.parentColumns()),
                          k.onDelete())));
    }
    return keys;
  }

  /**
   * The problems of every foreign key. A key whose parent table is missing counts only when {@code
   * parentsKnown} says that a table missing here is missing for real (or when it names a view).
   */
  static List<Problem> check(Connection db, boolean parentsKnown) throws SQLException {
    Map<String, String> tables = tables(db);
    Map<String, String> views = names(db, "view");
    List<Problem> problems = new ArrayList<>();
    for (Key key : keys(db)) {
      String parentFolded = SqlIdentifiers.fold(key.parent());
      String parent = tables.get(parentFolded);
      if (parent == null) {
        boolean isView = views.containsKey(parentFolded);
        if (parentsKnown || isView) {
          problems.add(new TableMissing(key, isView));
        }
        continue;
      }
      List<String> columns = columns(db, parent);
      List<String> referenced = key.parentColumns().isEmpty() ? primaryKey(db, parent) : null;
      if (referenced == null) {
        referenced = key.parentColumns();
        String missing = firstMissing(referenced, columns);
        if (missing != null) {
          problems.add(new ColumnMissing(key, missing, columns));
          continue;
        }
      }
      if (referenced.isEmpty() || !isUniqueKey(db, parent, referenced)) {
        problems.add(new NotUnique(key, referenced));
      }
    }
    return problems;
  }

  private static String firstMissing(List<String> referenced, List<String> columns) {
    Set<String> present = new HashSet<>(SqlIdentifiers.fold(columns));
    return referenced.stream()
        .filter(c -> !present.contains(SqlIdentifiers.fold(c)))
        .findFirst()
        .orElse(null);
  }

  /** Whether the primary key or a unique, non-partial index has exactly these columns. */
  private static boolean isUniqueKey(Connection db, String table, List<String> referenced)
      throws SQLException {
    Set<String> wanted = new HashSet<>(SqlIdentifiers.fold(referenced));
    if (sameColumns(wanted, primaryKey(db, table))) {
      return true;
    }
    List<String> indexes = new ArrayList<>();
    try (PreparedStatement statement =
        db.prepareStatement(
            "SELECT name FROM pragma_index_list(?) WHERE \"unique\" = 1 AND partial = 0")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          indexes.add(rows.getString(1));
        }
      }
    }
    for (String index : indexes) {
      List<String> indexColumns = new ArrayList<>();
      boolean expression = false;
      try (PreparedStatement statement =
          db.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
        statement.setString(1, index);
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            String name = rows.getString(1);
            expression |= name == null;
            indexColumns.add(name);
          }
        }
      }
      if (!expression && sameColumns(wanted, indexColumns)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether finding a child's rows by {@code columns} needs no scan: a non-partial index of {@code
   * table} leads with them (in any order), its primary key index included, or they are its rowid.
   */
  static boolean hasIndexLeadingWith(Connection db, String table, List<String> columns)
      throws SQLException {
    if (columns.size() == 1 && isRowid(db, table, columns.get(0))) {
      return true;
    }
    for (String index : indexes(db, table)) {
      if (indexLeadsWith(db, table, index, columns)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code index}, one of {@code table}'s, is not partial and its first terms are exactly
   * {@code columns}, in any order.
   */
  static boolean indexLeadsWith(Connection db, String table, String index, List<String> columns)
      throws SQLException {
    String folded = SqlIdentifiers.fold(index);
    if (indexes(db, table).stream().noneMatch(i -> SqlIdentifiers.fold(i).equals(folded))) {
      return false;
    }
    List<String> terms = new ArrayList<>();
    try (PreparedStatement statement =
        db.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
      statement.setString(1, index);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          terms.add(rows.getString(1));
        }
      }
    }
    if (terms.size() < columns.size() || terms.subList(0, columns.size()).contains(null)) {
      return false;
    }
    return sameColumns(
        new HashSet<>(SqlIdentifiers.fold(columns)), terms.subList(0, columns.size()));
  }

  private static List<String> indexes(Connection db, String table) throws SQLException {
    List<String> indexes = new ArrayList<>();
    try (PreparedStatement statement =
        db.prepareStatement("SELECT name FROM pragma_index_list(?) WHERE partial = 0")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          indexes.add(rows.getString(1));
        }
      }
    }
    return indexes;
  }

  /** Whether {@code column} is the INTEGER PRIMARY KEY that aliases the rowid of {@code table}. */
  private static boolean isRowid(Connection db, String table, String column) throws SQLException {
    List<String> key = primaryKey(db, table);
    if (key.size() != 1 || !SqlIdentifiers.fold(key.get(0)).equals(SqlIdentifiers.fold(column))) {
      return false;
    }
    // A rowid alias has no index of its own: a key with one is a WITHOUT ROWID or non-INTEGER key.
    try (PreparedStatement statement =
        db.prepareStatement(
            "SELECT EXISTS (SELECT 1 FROM pragma_index_list(?) WHERE origin = 'pk')")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && !rows.getBoolean(1);
      }
    }
  }

  private static boolean sameColumns(Set<String> wanted, List<String> columns) {
    return columns.size() == wanted.size()
        && new HashSet<>(SqlIdentifiers.fold(columns)).equals(wanted);
  }

  /** The columns of {@code table}, generated ones included, in order. */
  static List<String> columns(Connection db, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement statement =
        db.prepareStatement("SELECT name FROM pragma_table_xinfo(?) WHERE hidden <> 1")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(rows.getString(1));
        }
      }
    }
    return columns;
  }

  private static List<String> primaryKey(Connection db, String table) throws SQLException {
    Map<Integer, String> byPosition = new TreeMap<>();
    try (PreparedStatement statement =
        db.prepareStatement("SELECT pk, name FROM pragma_table_info(?) WHERE pk > 0")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          byPosition.put(rows.getInt(1), rows.getString(2));
        }
      }
    }
    return List.copyOf(byPosition.values());
  }

  private static Map<String, String> names(Connection db, String type) throws SQLException {
    Map<String, String> names = new LinkedHashMap<>();
    try (PreparedStatement statement =
        db.prepareStatement(
            "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite\\_%' ESCAPE"
                + " '\\' ORDER BY name")) {
      statement.setString(1, type);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          names.put(SqlIdentifiers.fold(rows.getString(1)), rows.getString(1));
        }
      }
    }
    return names;
  }
}
