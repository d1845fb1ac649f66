package dev.strata.processor.verify;

import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqlTokens;
import dev.strata.sql.SqlTokens.Token;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per table (folded name), the SQL of it and its indexes, as last seen in one database: what a
 * change of shape changes. Kept up to date step by step, so that a replay stays linear: a step that
 * left {@code PRAGMA schema_version} alone changed nothing, and otherwise only the tables its
 * statements name (and those owning the indexes they name) are read again; a rename, which SQLite
 * propagates to other tables, reads everything.
 */
final class TableShapes {
  /** More names than this are read faster in one pass over the whole schema. */
  static final int MOST_NAMES = 200;

  private final Map<String, String> shapes = new HashMap<>();

  /** Per index (folded name), the folded name of its table. */
  private final Map<String, String> indexOwners = new HashMap<>();

  /** The other way: per table (folded name), its indexes'. */
  private final Map<String, Set<String>> tableIndexes = new HashMap<>();

  private Connection source;
  private int schemaVersion;

  /** Forgets what was seen: the next {@link #update} compares with an empty schema. */
  void clear() {
    shapes.clear();
    indexOwners.clear();
    tableIndexes.clear();
    source = null;
  }

  /**
   * Reads {@code db} again after {@code statements} ran on it.
   *
   * @return the tables whose shape changed since the last read, or all of them if the last read was
   *     of another database or there was none
   */
  Set<String> update(Connection db, SchemaRows rows, List<String> statements) throws SQLException {
    int version = schemaVersion(db);
    Set<String> changed = new HashSet<>();
    if (db == source && version == schemaVersion) {
      return changed;
    }
    Set<String> named = db == source ? named(statements) : null;
    Map<String, String> now = new HashMap<>();
    Map<String, String> owners = new HashMap<>();
    if (named == null || named.size() > MOST_NAMES) {
      named = new HashSet<>(shapes.keySet());
      rows.refresh(db);
      for (String table : rows.tables()) {
        rows.shape(table, now, owners);
      }
      named.addAll(now.keySet());
    } else {
      new ArrayList<>(named).stream().map(indexOwners::get).forEach(named::add);
      named.remove(null);
      rows.refresh(db);
      for (String table : named) {
        rows.shape(table, now, owners);
      }
    }
    for (String table : named) {
      String shape = now.get(table);
      if (!String.valueOf(shape).equals(String.valueOf(shapes.get(table)))) {
        changed.add(table);
      }
      if (shape == null) {
        shapes.remove(table);
      } else {
        shapes.put(table, shape);
      }
    }
    for (String table : named) {
      Set<String> indexes = tableIndexes.remove(table);
      if (indexes != null) {
        indexOwners.keySet().removeAll(indexes);
      }
    }
    owners.forEach(
        (index, table) -> {
          indexOwners.put(index, table);
          tableIndexes.computeIfAbsent(table, t -> new HashSet<>()).add(index);
        });
    source = db;
    schemaVersion = version;
    return changed;
  }

  /**
   * Every name the statements mention, folded; null if one renames, which may change other tables.
   */
  static Set<String> named(List<String> statements) {
    Set<String> names = new HashSet<>();
    for (String sql : statements) {
      List<Token> tokens = SqlTokens.tokenize(sql);
      if (tokens.stream().anyMatch(token -> token.isKeyword("RENAME"))) {
        return null;
      }
      names.addAll(names(tokens));
    }
    return names;
  }

  /** Every name that {@code tokens} may use for a table, folded. */
  static Set<String> names(List<Token> tokens) {
    Set<String> names = new HashSet<>();
    for (Token token : tokens) {
      switch (token.kind()) {
        case WORD, QUOTED -> names.add(SqlIdentifiers.fold(token.value()));
        // SQLite takes a string where a name is expected: CREATE TABLE 'x' (...).
        case LITERAL -> {
          String text = token.value();
          if (text.length() >= 2 && text.startsWith("'")) {
            names.add(SqlIdentifiers.fold(text.substring(1, text.length() - 1).replace("''", "'")));
          }
        }
        case SYMBOL -> {}
      }
    }
    return names;
  }

  /** One object of a table's shape. */
  static String line(String type, String name, String sql) {
    return type + " " + name + ": " + sql;
  }

  /** A table's shape from its objects' lines, in any order. */
  static String shape(List<String> lines) {
    return String.join("\n", lines.stream().sorted().toList());
  }

  private static int schemaVersion(Connection db) throws SQLException {
    try (Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
