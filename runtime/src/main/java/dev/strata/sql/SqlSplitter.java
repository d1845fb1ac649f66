package dev.strata.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a SQLite script into statements. It understands the lexical rules that decide where a
 * {@code ;} is a separator: quoted strings and identifiers ({@code '..'}, {@code ".."}, {@code `..`},
 * {@code [..]}, with doubled-quote escapes), {@code --} and {@code /* *}{@code /} comments, and
 * {@code CREATE TRIGGER ... BEGIN ... END} bodies.
 *
 * <p>A trigger ends where SQLite's own {@code sqlite3_complete()} says it does: at a {@code ;} that
 * follows the token {@code END}, which itself directly follows a {@code ;}. Counting BEGIN/END
 * pairs would be fooled by {@code CASE ... END} and by columns named {@code end}; this rule is not,
 * because no statement inside a trigger body starts with {@code END}.
 *
 * <p>Each statement is returned without its terminating {@code ;}, with leading and trailing
 * whitespace and comments removed; comments inside a statement are kept verbatim. Statements with
 * no content are dropped. The class has no dependencies, so the annotation processor calls it at
 * compile time.
 */
public final class SqlSplitter {
  private SqlSplitter() {}

  /** Returns the statements of {@code script} in order. */
  public static List<String> split(String script) {
    return new Scan(script).run();
  }

  /** One pass over the script; holds the state of the statement being read. */
  private static final class Scan {
    private final String sql;
    private final List<String> statements = new ArrayList<>();
    private int pos;
    /** Start and end (exclusive) of the significant text of the current statement; -1 if none. */
    private int start = -1;
    private int end = -1;
    /** The first words of the current statement, enough to recognise CREATE [TEMP] TRIGGER. */
    private final List<String> leadingWords = new ArrayList<>(3);
    private boolean inTrigger;
    private boolean afterSemicolon;
    private boolean afterSemicolonEnd;

    Scan(String sql) {
      this.sql = sql;
    }

    List<String> run() {
      while (pos < sql.length()) {
        char c = sql.charAt(pos);
        if (Character.isWhitespace(c)) {
          pos++;
        } else if (c == '-' && peek(1) == '-') {
          skipLineComment();
        } else if (c == '/' && peek(1) == '*') {
          skipBlockComment();
        } else if (c == ';') {
          semicolon();
        } else if (c == '\'' || c == '"' || c == '`') {
          token(pos, closingQuote(c, c));
        } else if (c == '[') {
          token(pos, closingQuote(']', (char) 0));
        } else if (isWordChar(c)) {
          int from = pos;
          while (pos < sql.length() && isWordChar(sql.charAt(pos))) {
            pos++;
          }
          word(from, pos);
        } else {
          token(pos, pos + 1);
          pos++;
        }
      }
      emit();
      return List.copyOf(statements);
    }

    private char peek(int offset) {
      int i = pos + offset;
      return i < sql.length() ? sql.charAt(i) : 0;
    }

    private void skipLineComment() {
      int newline = sql.indexOf('\n', pos);
      pos = newline < 0 ? sql.length() : newline + 1;
    }

    private void skipBlockComment() {
      int close = sql.indexOf("*/", pos + 2);
      pos = close < 0 ? sql.length() : close + 2;
    }

    /**
     * Moves past a quoted token and returns its end. A doubled {@code escape} character stands for
     * itself; an unterminated quote runs to the end of the script, as SQLite would report it.
     */
    private int closingQuote(char close, char escape) {
      int i = pos + 1;
      while (i < sql.length()) {
        char c = sql.charAt(i);
        if (c == close) {
          if (c == escape && i + 1 < sql.length() && sql.charAt(i + 1) == escape) {
            i += 2;
            continue;
          }
          pos = i + 1;
          return pos;
        }
        i++;
      }
      pos = sql.length();
      return pos;
    }

    private void word(int from, int to) {
      String word = sql.substring(from, to).toUpperCase(Locale.ROOT);
      if (leadingWords.size() < 3) {
        leadingWords.add(word);
        inTrigger = inTrigger || startsTrigger();
      }
      boolean end = inTrigger && afterSemicolon && word.equals("END");
      token(from, to);
      afterSemicolonEnd = end;
    }

    private boolean startsTrigger() {
      if (leadingWords.size() < 2 || !leadingWords.get(0).equals("CREATE")) {
        return false;
      }
      String second = leadingWords.get(1);
      if (second.equals("TRIGGER")) {
        return true;
      }
      return leadingWords.size() == 3
          && (second.equals("TEMP") || second.equals("TEMPORARY"))
          && leadingWords.get(2).equals("TRIGGER");
    }

    /** Records a significant token spanning {@code [from, to)}. */
    private void token(int from, int to) {
      if (start < 0) {
        start = from;
      }
      end = to;
      afterSemicolon = false;
      afterSemicolonEnd = false;
    }

    private void semicolon() {
      if (inTrigger && !afterSemicolonEnd) {
        // A separator inside the trigger body: part of the statement.
        token(pos, pos + 1);
        afterSemicolon = true;
        pos++;
        return;
      }
      emit();
      pos++;
    }

    private void emit() {
      if (start >= 0) {
        statements.add(sql.substring(start, end));
      }
      start = -1;
      end = -1;
      leadingWords.clear();
      inTrigger = false;
      afterSemicolon = false;
      afterSemicolonEnd = false;
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c > 127;
    }
  }
}
