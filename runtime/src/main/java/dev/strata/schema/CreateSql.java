package dev.strata.schema;

import dev.strata.schema.SqlNormalizer.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads from {@code sqlite_master} SQL what SQLite's PRAGMAs do not report: column collations,
 * generated-column expressions, CHECK constraints, AUTOINCREMENT, table options and the expression
 * terms and WHERE clause of an index.
 */
final class CreateSql {
  private CreateSql() {}

  /** What a CREATE TABLE statement adds to the PRAGMAs; {@code columns} is keyed by lowercase name. */
  record TableSql(
      Map<String, ColumnSql> columns,
      List<String> checks,
      boolean autoIncrement,
      boolean withoutRowid,
      boolean strict) {

    ColumnSql column(String name) {
      return columns.getOrDefault(name.toLowerCase(Locale.ROOT), new ColumnSql(null, null));
    }
  }

  /** Per column: the declared collation and generated expression, each {@code null} if absent. */
  record ColumnSql(String collation, String generatedExpression) {}

  /** The key terms of a CREATE INDEX, normalised, and its WHERE expression or {@code null}. */
  record IndexSql(List<String> terms, String where) {}

  private static final List<String> TABLE_CONSTRAINTS =
      List.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN");

  static TableSql parseTable(String sql) {
    List<Token> tokens = SqlNormalizer.tokenize(sql);
    int open = indexOf(tokens, "(", 0);
    int close = matching(tokens, open);
    Map<String, ColumnSql> columns = new HashMap<>();
    List<String> checks = new ArrayList<>();
    for (List<Token> definition : splitTopLevel(tokens.subList(open + 1, close))) {
      if (definition.isEmpty()) {
        continue;
      }
      checks.addAll(parenthesisedAfter(definition, "CHECK"));
      Token first = definition.get(0);
      boolean constraint =
          first.kind() == SqlNormalizer.Kind.WORD
              && TABLE_CONSTRAINTS.contains(first.value().toUpperCase(Locale.ROOT));
      if (!constraint) {
        List<String> generated = parenthesisedAfter(definition, "AS");
        columns.put(
            first.value().toLowerCase(Locale.ROOT),
            new ColumnSql(collation(definition), generated.isEmpty() ? null : generated.get(0)));
      }
    }
    boolean autoIncrement = tokens.stream().anyMatch(t -> t.isKeyword("AUTOINCREMENT"));
    List<Token> options = tokens.subList(close + 1, tokens.size());
    boolean withoutRowid = options.stream().anyMatch(t -> t.isKeyword("ROWID"));
    boolean strict = options.stream().anyMatch(t -> t.isKeyword("STRICT"));
    return new TableSql(Map.copyOf(columns), List.copyOf(checks), autoIncrement, withoutRowid, strict);
  }

  static IndexSql parseIndex(String sql) {
    List<Token> tokens = SqlNormalizer.tokenize(sql);
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

  /** The index of the parenthesis closing the one at {@code open}, or the last index if unclosed. */
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
