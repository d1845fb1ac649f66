package dev.strata.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SQLite identifiers: which need quotes, how to quote them, and how SQLite compares them (ignoring
 * the case of ASCII letters, and of those only). The generated DDL and the drift normaliser share
 * this rule, so a name is spelled one way on both sides of a comparison.
 */
public final class SqlIdentifiers {
  /** Every keyword of SQLite (https://sqlite.org/lang_keywords.html), upper case. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "ABORT",
          "ACTION",
          "ADD",
          "AFTER",
          "ALL",
          "ALTER",
          "ALWAYS",
          "ANALYZE",
          "AND",
          "AS",
          "ASC",
          "ATTACH",
          "AUTOINCREMENT",
          "BEFORE",
          "BEGIN",
          "BETWEEN",
          "BY",
          "CASCADE",
          "CASE",
          "CAST",
          "CHECK",
          "COLLATE",
          "COLUMN",
          "COMMIT",
          "CONFLICT",
          "CONSTRAINT",
          "CREATE",
          "CROSS",
          "CURRENT",
          "CURRENT_DATE",
          "CURRENT_TIME",
          "CURRENT_TIMESTAMP",
          "DATABASE",
          "DEFAULT",
          "DEFERRABLE",
          "DEFERRED",
          "DELETE",
          "DESC",
          "DETACH",
          "DISTINCT",
          "DO",
          "DROP",
          "EACH",
          "ELSE",
          "END",
          "ESCAPE",
          "EXCEPT",
          "EXCLUDE",
          "EXCLUSIVE",
          "EXISTS",
          "EXPLAIN",
          "FAIL",
          "FILTER",
          "FIRST",
          "FOLLOWING",
          "FOR",
          "FOREIGN",
          "FROM",
          "FULL",
          "GENERATED",
          "GLOB",
          "GROUP",
          "GROUPS",
          "HAVING",
          "IF",
          "IGNORE",
          "IMMEDIATE",
          "IN",
          "INDEX",
          "INDEXED",
          "INITIALLY",
          "INNER",
          "INSERT",
          "INSTEAD",
          "INTERSECT",
          "INTO",
          "IS",
          "ISNULL",
          "JOIN",
          "KEY",
          "LAST",
          "LEFT",
          "LIKE",
          "LIMIT",
          "MATCH",
          "MATERIALIZED",
          "NATURAL",
          "NO",
          "NOT",
          "NOTHING",
          "NOTNULL",
          "NULL",
          "NULLS",
          "OF",
          "OFFSET",
          "ON",
          "OR",
          "ORDER",
          "OTHERS",
          "OUTER",
          "OVER",
          "PARTITION",
          "PLAN",
          "PRAGMA",
          "PRECEDING",
          "PRIMARY",
          "QUERY",
          "RAISE",
          "RANGE",
          "RECURSIVE",
          "REFERENCES",
          "REGEXP",
          "REINDEX",
          "RELEASE",
          "RENAME",
          "REPLACE",
          "RESTRICT",
          "RETURNING",
          "RIGHT",
          "ROLLBACK",
          "ROW",
          "ROWS",
          "SAVEPOINT",
          "SELECT",
          "SET",
          "TABLE",
          "TEMP",
          "TEMPORARY",
          "THEN",
          "TIES",
          "TO",
          "TRANSACTION",
          "TRIGGER",
          "UNBOUNDED",
          "UNION",
          "UNIQUE",
          "UPDATE",
          "USING",
          "VACUUM",
          "VALUES",
          "VIEW",
          "VIRTUAL",
          "WHEN",
          "WHERE",
          "WINDOW",
          "WITH",
          "WITHOUT");

  private SqlIdentifiers() {}

  /** Every SQLite keyword, upper case. */
  public static Set<String> keywords() {
    return KEYWORDS;
  }

  /** Whether {@code word} is one of SQLite's keywords, in any case. */
  public static boolean isKeyword(String word) {
    return KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  /** Whether the name can be written without quotes and still mean the same name. */
  public static boolean isBare(String name) {
    if (name.isEmpty() || isKeyword(name)) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean later = i > 0 && ((c >= '0' && c <= '9') || c == '$');
      if (!letter && !later) {
        return false;
      }
    }
    return true;
  }

  /** The name with A-Z lowercased: equal for two names exactly when SQLite takes them as one. */
  public static String fold(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }

  public static List<String> fold(List<String> names) {
    return names.stream().map(SqlIdentifiers::fold).toList();
  }

  /** The name as SQLite must see it: bare when possible, else in double quotes. */
  public static String quote(String name) {
    return isBare(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
  }
}
