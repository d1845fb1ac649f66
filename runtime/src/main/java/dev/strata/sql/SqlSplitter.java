package dev.strata.sql;

import dev.strata.sql.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a script into statements, on the tokens of {@link SqlTokens}: a {@code ;} inside a string,
 * a quoted identifier or a comment is not a token, so it never separates.
 *
 * <p>A trigger ends where SQLite's own {@code sqlite3_complete()} says it does: at a {@code ;} that
 * follows the token {@code END}, which itself directly follows a {@code ;}. Counting BEGIN/END
 * pairs would be fooled by {@code CASE ... END} and by columns named {@code end}; this rule is not,
 * because no statement inside a trigger body starts with {@code END}. A trigger is a statement that
 * starts {@code [EXPLAIN [QUERY PLAN]] CREATE [TEMP|TEMPORARY] TRIGGER}.
 *
 * <p>On PostgreSQL ({@link #split(String, Dialect)}), bodies are usually dollar-quoted strings,
 * which are single tokens; a SQL-standard body ({@code BEGIN ATOMIC ... END}) ends by the same
 * {@code ; END ;} rule as an SQLite trigger.
 *
 * <p>Each statement is cut from the original text, from its first token to its last, so comments
 * inside it are kept verbatim and the terminating {@code ;} is not included. Statements with no
 * tokens are dropped. The class has no dependencies, so the annotation processor calls it at
 * compile time.
 */
public final class SqlSplitter {
  private SqlSplitter() {}

  /** Returns the statements of the SQLite {@code script} in order. */
  public static List<String> split(String script) {
    return split(script, Dialect.SQLITE);
  }

  /** Returns the statements of {@code script}, as {@code dialect} reads it, in order. */
  public static List<String> split(String script, Dialect dialect) {
    List<String> statements = new ArrayList<>();
    List<Token> tokens = SqlTokens.tokenize(script, dialect);
    int first = 0;
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).is(";") && endsStatement(tokens, first, i, dialect)) {
        add(statements, script, tokens, first, i);
        first = i + 1;
      }
    }
    add(statements, script, tokens, first, tokens.size());
    return List.copyOf(statements);
  }

  /** Whether the {@code ;} at {@code semicolon} ends the statement that starts at {@code first}. */
  private static boolean endsStatement(
      List<Token> tokens, int first, int semicolon, Dialect dialect) {
    boolean body =
        dialect == Dialect.POSTGRESQL
            ? hasAtomicBody(tokens, first, semicolon)
            : isTrigger(tokens, first);
    if (!body) {
      return true;
    }
    return semicolon - first >= 2
        && tokens.get(semicolon - 1).isKeyword("END")
        && (tokens.get(semicolon - 2).is(";") || tokens.get(semicolon - 2).isKeyword("ATOMIC"));
  }

  /** Whether {@code tokens[first, semicolon)} opens a {@code BEGIN ATOMIC} body. */
  private static boolean hasAtomicBody(List<Token> tokens, int first, int semicolon) {
    for (int i = first; i + 1 < semicolon; i++) {
      if (tokens.get(i).isKeyword("BEGIN") && tokens.get(i + 1).isKeyword("ATOMIC")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isTrigger(List<Token> tokens, int first) {
    int i = first;
    if (keyword(tokens, i, "EXPLAIN")) {
      i++;
      if (keyword(tokens, i, "QUERY") && keyword(tokens, i + 1, "PLAN")) {
        i += 2;
      }
    }
    if (!keyword(tokens, i++, "CREATE")) {
      return false;
    }
    if (keyword(tokens, i, "TEMP") || keyword(tokens, i, "TEMPORARY")) {
      i++;
    }
    return keyword(tokens, i, "TRIGGER");
  }

  private static boolean keyword(List<Token> tokens, int i, String keyword) {
    return i < tokens.size() && tokens.get(i).isKeyword(keyword);
  }

  /** Adds the text of {@code tokens[from, to)}, unless that range is empty. */
  private static void add(
      List<String> statements, String script, List<Token> tokens, int from, int to) {
    if (from < to) {
      statements.add(script.substring(tokens.get(from).start(), tokens.get(to - 1).end()));
    }
  }
}
