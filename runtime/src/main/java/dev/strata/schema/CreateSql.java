package dev.strata.schema;

import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqlTokens;
import dev.strata.sql.SqlTokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads from {@code sqlite_master} SQL what SQLite's PRAGMAs do not report: column collations,
 * generated-column expressions, CHECK constraints, AUTOINCREMENT, table options, {@code ON
 * CONFLICT} clauses, deferred foreign keys, the module of a virtual table, and the expression terms
 * and WHERE clause of an index.
 */
final class CreateSql {
  private CreateSql() {}

  /**
   * What a CREATE TABLE statement adds to the PRAGMAs. The maps and set are keyed by {@link
   * SqlIdentifiers#fold folded} names, so the PRAGMAs' spelling finds them: {@code columns} by
   * column name, {@code uniqueOnConflict} by {@link #key column list}, {@code deferredForeignKeys}
   * by {@link #key column list and parent table}.
   */
  record TableSql(
      Map<String, ColumnSql> columns,
      List<String> checks,
      boolean autoIncrement,
      boolean withoutRowid,
      boolean strict,
      String virtualModule,
      String primaryKeyOnConflict,
      Map<String, String> uniqueOnConflict,
      Set<String> deferredForeignKeys) {

    ColumnSql column(String name) {
      return columns.getOrDefault(
          SqlIdentifiers.fold(name), new ColumnSql(null, null, SchemaModel.DEFAULT_ON_CONFLICT));
    }

    String uniqueOnConflict(List<String> columns) {
      return uniqueOnConflict.getOrDefault(key(columns, ""), SchemaModel.DEFAULT_ON_CONFLICT);
    }

    boolean isDeferred(List<String> columns, String parentTable) {
      return deferredForeignKeys.contains(key(columns, parentTable));
    }
  }

  /**
   * Per column: the declared collation and generated expression, each {@code null} if absent, and
   * the NOT NULL's conflict resolution.
   */
  record ColumnSql(String collation, String generatedExpression, String notNullOnConflict) {}

  /** The key terms of a CREATE INDEX, normalised, and its WHERE expression or {@code null}. */
  record IndexSql(List<String> terms, String where) {}

  private static final List<String> TABLE_CONSTRAINTS =
      List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

  static TableSql parseTable(String sql) {
    List<Token> tokens = SqlTokens.tokenize(sql);
    if (tokens.size() > 1 && tokens.get(1).isKeyword("VIRTUAL")) {
      // Its arguments belong to the module, which need not read them as column definitions.
      int using = 0;
      while (!tokens.get(using).isKeyword("USING")) {
        using++;
      }
      return new TableSql(
          Map.of(),
          List.of(),
          false,
          false,
          false,
          SqlNormalizer.render(withoutSemicolons(tokens.subList(using + 1, tokens.size()))),
          SchemaModel.DEFAULT_ON_CONFLICT,
          Map.of(),
          Set.of());
    }
    int open = indexOf(tokens, "(", 0);
    int close = matching(tokens, open);
    Map<String, ColumnSql> columns = new HashMap<>();
    List<String> checks = new ArrayList<>();
    Clauses clauses = new Clauses();
    for (List<Token> definition : splitTopLevel(tokens.subList(open + 1, close))) {
      if (definition.isEmpty()) {
        continue;
      }
      checks.addAll(parenthesisedAfter(definition, "CHECK"));
      Token first = definition.get(0);
      boolean constraint =
          first.kind() == SqlTokens.Kind.WORD
              && TABLE_CONSTRAINTS.contains(first.value().toUpperCase(Locale.ROOT));
      String column = constraint ? null : first.value();
      String notNullOnConflict = clauses.read(definition, column);
      if (column != null) {
        List<String> generated = parenthesisedAfter(definition, "AS");
        columns.put(
            SqlIdentifiers.fold(column),
            new ColumnSql(
                collation(definition),
                generated.isEmpty() ? null : generated.get(0),
                notNullOnConflict));
      }
    }
    boolean autoIncrement = tokens.stream().anyMatch(t -> t.isKeyword("AUTOINCREMENT"));
    List<Token> options = tokens.subList(close + 1, tokens.size());
    boolean withoutRowid = options.stream().anyMatch(t -> t.isKeyword("ROWID"));
    boolean strict = options.stream().anyMatch(t -> t.isKeyword("STRICT"));
    return new TableSql(
        Map.copyOf(columns),
        List.copyOf(checks),
        autoIncrement,
        withoutRowid,
        strict,
        null,
        clauses.primaryKey,
        Map.copyOf(clauses.uniques),
        Set.copyOf(clauses.deferred));
  }

  /** A lookup key for a list of columns, and for a foreign key its parent table. */
  private static String key(List<String> columns, String parentTable) {
    return String.join(",", SqlIdentifiers.fold(columns)) + "->" + SqlIdentifiers.fold(parentTable);
  }

  /**
   * Collects, over a table's definitions, the clauses that change behaviour but that no PRAGMA
   * reports: {@code ON CONFLICT} on NOT NULL, PRIMARY KEY and UNIQUE, and {@code DEFERRABLE
   * INITIALLY DEFERRED} on REFERENCES.
   */
  private static final class Clauses {
    String primaryKey = SchemaModel.DEFAULT_ON_CONFLICT;
    final Map<String, String> uniques = new HashMap<>();
    final Set<String> deferred = new HashSet<>();

    /**
     * Reads one column definition ({@code column} is its name) or table constraint ({@code column}
     * is {@code null}); returns the column's NOT NULL resolution. An {@code ON CONFLICT} belongs to
     * the constraint it follows.
     */
    String read(List<Token> definition, String column) {
      String notNull = SchemaModel.DEFAULT_ON_CONFLICT;
      List<String> own = column == null ? List.of() : List.of(column);
      List<String> keyColumns = own;
      String constraint = "";
      for (int i = 0; i < definition.size(); i++) {
        Token token = definition.get(i);
        if (token.is("(")) {
          i = matching(definition, i);
        } else if (token.isKeyword("NOT") && next(definition, i, 1, "NULL")) {
          constraint = "NOT NULL";
        } else if (token.isKeyword("PRIMARY") || token.isKeyword("UNIQUE")) {
          constraint = token.value().toUpperCase(Locale.ROOT);
          keyColumns = column == null ? namesIn(definition, i + 1) : own;
        } else if (token.isKeyword("FOREIGN")) {
          keyColumns = namesIn(definition, i + 2); // FOREIGN KEY (...)
        } else if (token.isKeyword("REFERENCES") && i + 1 < definition.size()) {
          constraint = "REFERENCES " + definition.get(i + 1).value();
        } else if (token.isKeyword("ON")
            && next(definition, i, 1, "CONFLICT")
            && i + 2 < definition.size()) {
          String resolution = definition.get(i + 2).value().toUpperCase(Locale.ROOT);
          switch (constraint) {
            case "NOT NULL" -> notNull = resolution;
            case "PRIMARY" -> primaryKey = resolution;
            case "UNIQUE" -> uniques.put(key(keyColumns, ""), resolution);
            default -> {}
          }
        } else if (token.isKeyword("DEFERRABLE")
            && constraint.startsWith("REFERENCES ")
            && !(i > 0 && definition.get(i - 1).isKeyword("NOT"))
            && next(definition, i, 1, "INITIALLY")
            && next(definition, i, 2, "DEFERRED")) {
          deferred.add(key(keyColumns, constraint.substring("REFERENCES ".length())));
        }
      }
      return notNull;
    }

    private static boolean next(List<Token> tokens, int i, int ahead, String keyword) {
      return i + ahead < tokens.size() && tokens.get(i + ahead).isKeyword(keyword);
    }

    /** The column names in the parenthesised list at {@code open}: each term's first token. */
    private static List<String> namesIn(List<Token> tokens, int open) {
      if (open >= tokens.size() || !tokens.get(open).is("(")) {
        return List.of();
      }
      return splitTopLevel(tokens.subList(open + 1, matching(tokens, open))).stream()
          .filter(term -> !term.isEmpty())
          .map(term -> term.get(0).value())
          .toList();
    }
  }

  static IndexSql parseIndex(String sql) {
    List<Token> tokens = SqlTokens.tokenize(sql);
    int on = 0;
    while (!tokens.get(on).isKeyword("ON")) {
      on++;
    }
    int open = indexOf(tokens, "(", on);
    int close = matching(tokens, open);
    List<String> terms = new ArrayList<>();
    for (List<Token> term : splitTopLevel(tokens.subList(open + 1, close))) {
      boolean ascending = !term.isEmpty() && term.get(term.size() - 1).isKeyword("ASC");
      terms.add(SqlNormalizer.render(ascending ? term.subList(0, term.size() - 1) : term));
    }
    String where = null;
    if (close + 1 < tokens.size() && tokens.get(close + 1).isKeyword("WHERE")) {
      where = SqlNormalizer.render(withoutSemicolons(tokens.subList(close + 2, tokens.size())));
    }
    return new IndexSql(List.copyOf(terms), where);
  }

  /** The normalised insides of each {@code KEYWORD ( ... )} at the top level of a definition. */
  private static List<String> parenthesisedAfter(List<Token> definition, String keyword) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i + 1 < definition.size(); i++) {
      if (definition.get(i).isKeyword(keyword) && definition.get(i + 1).is("(")) {
        int close = matching(definition, i + 1);
        found.add(SqlNormalizer.render(definition.subList(i + 2, close)));
        i = close;
      } else if (definition.get(i).is("(")) {
        i = matching(definition, i);
      }
    }
    return found;
  }

  /** The name after a top-level COLLATE in a column definition, uppercased, or {@code null}. */
  private static String collation(List<Token> definition) {
    for (int i = 0; i + 1 < definition.size(); i++) {
      if (definition.get(i).is("(")) {
        i = matching(definition, i);
      } else if (definition.get(i).isKeyword("COLLATE")) {
        return definition.get(i + 1).value().toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }

  private static List<List<Token>> splitTopLevel(List<Token> tokens) {
    List<List<Token>> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).is("(")) {
        i = matching(tokens, i);
      } else if (tokens.get(i).is(",")) {
        parts.add(tokens.subList(start, i));
        start = i + 1;
      }
    }
    parts.add(tokens.subList(start, tokens.size()));
    return parts;
  }

  private static int indexOf(List<Token> tokens, String symbol, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).is(symbol)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no '" + symbol + "' in " + SqlNormalizer.render(tokens));
  }

  /**
   * The index of the parenthesis closing the one at {@code open}, or the last index if unclosed.
   */
  private static int matching(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).is("(")) {
        depth++;
      } else if (tokens.get(i).is(")") && --depth == 0) {
        return i;
      }
    }
    return tokens.size() - 1;
  }

  private static List<Token> withoutSemicolons(List<Token> tokens) {
    return tokens.stream().filter(t -> !t.is(";")).toList();
  }
}
