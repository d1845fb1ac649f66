package dev.strata.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A dialect's lexical rules: splits SQL text into tokens, the way SQLite (or, with {@link
 * Dialect#POSTGRESQL}, PostgreSQL) reads it, and drops comments and whitespace. PostgreSQL adds
 * dollar-quoted strings ({@code $$...$$}, {@code $tag$...$tag$}), escape strings ({@code E'\''})
 * and nested block comments, and has no {@code `...`} or {@code [...]} identifiers. It knows
 * nothing about statements or the grammar, so any reader of SQL can build on it: each token keeps
 * its offsets, from which a caller can recover the exact source text, comments included.
 *
 * <p>Unterminated quotes and comments run to the end of the text instead of failing: the text is
 * either already accepted by SQLite or about to be handed to it, which reports such errors better.
 */
public final class SqlTokens {
  private SqlTokens() {}

  public enum Kind {
    /** A bare word: a keyword or an unquoted identifier. */
    WORD,
    /** An identifier in {@code "..."}, {@code `...`} or {@code [...]}. */
    QUOTED,
    /** A string, blob or numeric literal. */
    LITERAL,
    /** An operator or punctuation: {@code (}, {@code ,}, {@code <=}, {@code ->>}, ... */
    SYMBOL
  }

  /**
   * One token of {@code sql[start, end)}. {@code value} is the identifier a WORD or QUOTED token
   * names (unquoted and unescaped) and the source text of anything else.
   */
  public record Token(Kind kind, String value, int start, int end) {
    public boolean isKeyword(String keyword) {
      return kind == Kind.WORD && value.equalsIgnoreCase(keyword);
    }

    public boolean is(String symbol) {
      return kind == Kind.SYMBOL && value.equals(symbol);
    }

    /** Whether this token names something: quoted, or a bare word that is not a keyword. */
    public boolean isName() {
      return kind == Kind.QUOTED || (kind == Kind.WORD && !SqlIdentifiers.isKeyword(value));
    }
  }

  /** The tokens of {@code sql} as SQLite reads it, in order, without comments. */
  public static List<Token> tokenize(String sql) {
    return tokenize(sql, Dialect.SQLITE);
  }

  /** The tokens of {@code sql} as {@code dialect} reads it, in order, without comments. */
  public static List<Token> tokenize(String sql, Dialect dialect) {
    return tokenize(sql, dialect, Integer.MAX_VALUE);
  }

  /**
   * The first {@code count} tokens of {@code sql} as SQLite reads it (fewer if it has fewer): what
   * a reader that only looks at how a statement begins needs, without reading the rest of a long
   * statement, which the engine would otherwise do for every statement it runs.
   */
  public static List<Token> leading(String sql, int count) {
    return tokenize(sql, Dialect.SQLITE, count);
  }

  private static List<Token> tokenize(String sql, Dialect dialect, int limit) {
    boolean postgres = dialect == Dialect.POSTGRESQL;
    List<Token> tokens = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n && tokens.size() < limit) {
      char c = sql.charAt(i);
      int end;
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      } else if (sql.startsWith("--", i)) {
        end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        continue;
      } else if (sql.startsWith("/*", i)) {
        i = postgres ? nestedCommentEnd(sql, i) : blockCommentEnd(sql, i);
        continue;
      } else if (postgres && (c == 'e' || c == 'E') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        end = escapeStringEnd(sql, i + 1);
        tokens.add(new Token(Kind.LITERAL, sql.substring(i, end), i, end));
      } else if (postgres && c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        end = close < 0 ? n : close + tag.length();
        tokens.add(new Token(Kind.LITERAL, sql.substring(i, end), i, end));
      } else if (c == '\'') {
        end = closing(sql, i, '\'');
        tokens.add(new Token(Kind.LITERAL, sql.substring(i, end), i, end));
      } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        end = closing(sql, i + 1, '\'');
        tokens.add(new Token(Kind.LITERAL, "X" + sql.substring(i + 1, end), i, end));
      } else if (c == '"' || (c == '`' && !postgres)) {
        end = closing(sql, i, c);
        String inner = sql.substring(i + 1, Math.max(i + 1, end - 1));
        tokens.add(new Token(Kind.QUOTED, inner.replace("" + c + c, "" + c), i, end));
      } else if (c == '[' && !postgres) {
        end = sql.indexOf(']', i);
        end = end < 0 ? n : end + 1;
        tokens.add(new Token(Kind.QUOTED, sql.substring(i + 1, Math.max(i + 1, end - 1)), i, end));
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        end = i + 1;
        while (end < n && isNumberPart(sql, i, end)) {
          end++;
        }
        tokens.add(new Token(Kind.LITERAL, sql.substring(i, end), i, end));
      } else if (isWordStart(c)) {
        end = i + 1;
        while (end < n && isWordPart(sql.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(i, end), i, end));
      } else {
        String symbol = symbolAt(sql, i);
        end = i + symbol.length();
        tokens.add(new Token(Kind.SYMBOL, symbol, i, end));
      }
      i = end;
    }
    return tokens;
  }

  /**
   * The first token of {@code sql} as SQLite reads it when that is plainly a word (only whitespace
   * before it), else null, in which case only {@link #leading} tells. A reader that looks for
   * statements beginning with certain keywords can so pass over every other statement without
   * tokenizing it: the engine asks this of every statement a migration runs.
   */
  public static String plainFirstWord(String sql) {
    int n = sql.length();
    int i = 0;
    while (i < n && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    if (i == n) {
      return null;
    }
    char c = sql.charAt(i);
    // As tokenize decides: a digit starts a number, x' a blob literal; - and / may start comments.
    if (Character.isDigit(c)
        || !isWordStart(c)
        || ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'')) {
      return null;
    }
    int end = i + 1;
    while (end < n && isWordPart(sql.charAt(end))) {
      end++;
    }
    return sql.substring(i, end);
  }

  private static int blockCommentEnd(String sql, int start) {
    int end = sql.indexOf("*/", start + 2);
    return end < 0 ? sql.length() : end + 2;
  }

  /** PostgreSQL's block comments nest: {@code /* a /* b *\/ c *\/} is one comment. */
  private static int nestedCommentEnd(String sql, int start) {
    int depth = 0;
    int i = start;
    while (i < sql.length()) {
      if (sql.startsWith("/*", i)) {
        depth++;
        i += 2;
      } else if (sql.startsWith("*/", i)) {
        depth--;
        i += 2;
        if (depth == 0) {
          return i;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  /** Past the end of the escape string whose quote is at {@code quote}: a backslash escapes too. */
  private static int escapeStringEnd(String sql, int quote) {
    int i = quote + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          i += 2;
          continue;
        }
        return i + 1;
      } else {
        i++;
      }
    }
    return sql.length();
  }

  /**
   * The opening {@code $tag$} of a dollar-quoted string at {@code start}, or null: the tag is empty
   * or an identifier without {@code $}, not starting with a digit ({@code $1} is a parameter).
   */
  private static String dollarTag(String sql, int start) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '$') {
        return sql.substring(start, i + 1);
      }
      boolean letter = Character.isLetter(c) || c == '_' || c > 0x7f;
      if (!(letter || (i > start + 1 && Character.isDigit(c)))) {
        return null;
      }
      i++;
    }
    return null;
  }

  /** The index just past the quote that closes the one at {@code start}; doubled quotes escape. */
  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /**
   * Whether {@code sql[i]} continues the number at {@code start}: a digit, a hex or exponent
   * letter, a point, or the sign of an exponent ({@code 1e-5}, but not {@code 0xE-1}, which is a
   * subtraction).
   */
  private static boolean isNumberPart(String sql, int start, int i) {
    char c = sql.charAt(i);
    if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
      return true;
    }
    char before = sql.charAt(i - 1);
    boolean hex = sql.regionMatches(true, start, "0x", 0, 2);
    return (c == '+' || c == '-') && (before == 'e' || before == 'E') && !hex;
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c > 0x7f;
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || Character.isDigit(c) || c == '$';
  }

  /** SQLite's operators of more than one character; anything else is a one-character symbol. */
  private static final List<String> SYMBOLS =
      List.of("->>", "->", "||", "<=", ">=", "==", "!=", "<>", "<<", ">>", "::", ":=");

  private static String symbolAt(String sql, int i) {
    for (String symbol : SYMBOLS) {
      if (sql.startsWith(symbol, i)) {
        return symbol;
      }
    }
    return String.valueOf(sql.charAt(i));
  }
}
