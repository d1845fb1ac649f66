package dev.strata.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Puts SQL text into one canonical spelling, so that two statements that differ only cosmetically
 * compare equal while any real difference survives.
 *
 * <p>It tokenises the text the way SQLite does, drops comments, uppercases keywords, lowercases
 * identifiers (SQLite compares them ignoring ASCII case, so their case is cosmetic too), spells
 * every quoted identifier that needs no quotes bare (and any other with double quotes), and joins
 * the tokens with single spaces, none inside parentheses or before commas and none between a name
 * and its argument list. String literals and numbers are kept exactly as written.
 */
public final class SqlNormalizer {
  private SqlNormalizer() {}

  /** The canonical spelling of {@code sql}. */
  public static String normalize(String sql) {
    return render(tokenize(sql));
  }

  enum Kind {
    WORD,
    QUOTED,
    LITERAL,
    SYMBOL
  }

  /**
   * One token. {@code value} is the identifier a WORD or QUOTED token names (unescaped) and the
   * source text of anything else.
   */
  record Token(Kind kind, String value) {
    boolean isKeyword(String keyword) {
      return kind == Kind.WORD && value.equalsIgnoreCase(keyword);
    }

    boolean is(String symbol) {
      return kind == Kind.SYMBOL && value.equals(symbol);
    }

    boolean isName() {
      return kind == Kind.QUOTED || (kind == Kind.WORD && !isSqlKeyword(value));
    }

    String text() {
      return switch (kind) {
        case WORD -> isSqlKeyword(value) ? value.toUpperCase(Locale.ROOT) : asciiLowerCase(value);
        case QUOTED -> {
          String name = asciiLowerCase(value);
          yield isBare(name) ? name : '"' + name.replace("\"", "\"\"") + '"';
        }
        case LITERAL, SYMBOL -> value;
      };
    }
  }

  static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '\'') {
        int end = closing(sql, i, '\'');
        tokens.add(new Token(Kind.LITERAL, sql.substring(i, end)));
        i = end;
      } else if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
        int end = closing(sql, i + 1, '\'');
        tokens.add(new Token(Kind.LITERAL, "X" + sql.substring(i + 1, end)));
        i = end;
      } else if (c == '"' || c == '`') {
        int end = closing(sql, i, c);
        String inner = sql.substring(i + 1, Math.max(i + 1, end - 1));
        tokens.add(new Token(Kind.QUOTED, inner.replace("" + c + c, "" + c)));
        i = end;
      } else if (c == '[') {
        int end = sql.indexOf(']', i);
        end = end < 0 ? n : end + 1;
        tokens.add(new Token(Kind.QUOTED, sql.substring(i + 1, Math.max(i + 1, end - 1))));
        i = end;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)))) {
        int end = i + 1;
        while (end < n && isNumberPart(sql, end)) {
          end++;
        }
        tokens.add(new Token(Kind.LITERAL, sql.substring(i, end)));
        i = end;
      } else if (isWordStart(c)) {
        int end = i + 1;
        while (end < n && isWordPart(sql.charAt(end))) {
          end++;
        }
        tokens.add(new Token(Kind.WORD, sql.substring(i, end)));
        i = end;
      } else {
        String symbol = symbolAt(sql, i);
        tokens.add(new Token(Kind.SYMBOL, symbol));
        i += symbol.length();
      }
    }
    return tokens;
  }

  static String render(List<Token> tokens) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0 && spaceBetween(tokens.get(i - 1), tokens.get(i), i > 1 ? tokens.get(i - 2) : null)) {
        out.append(' ');
      }
      out.append(tokens.get(i).text());
    }
    return out.toString();
  }

  /** Lowercases A-Z only, as SQLite's own identifier comparison folds only ASCII. */
  private static String asciiLowerCase(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
    }
    return out.toString();
  }

  /** Whether {@code word} is one of SQLite's keywords. */
  static boolean isSqlKeyword(String word) {
    return KEYWORDS.contains(word.toUpperCase(Locale.ROOT));
  }

  private static boolean spaceBetween(Token left, Token right, Token beforeLeft) {
    if (left.is("(") || left.is(".")) {
      return false;
    }
    if (right.is(")") || right.is(",") || right.is(".") || right.is(";")) {
      return false;
    }
    if (isUnarySign(left, beforeLeft)) {
      return false; // -1 rather than - 1
    }
    // f(x) and t(col): no space; CHECK (x) and IN (x): a space.
    return !(right.is("(") && left.isName());
  }

  /** A sign is unary when nothing that ends an operand precedes it. */
  private static boolean isUnarySign(Token sign, Token before) {
    if (!sign.is("-") && !sign.is("+")) {
      return false;
    }
    return before == null
        || (before.kind() == Kind.SYMBOL && !before.is(")"))
        || (before.kind() == Kind.WORD && isSqlKeyword(before.value()));
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

  private static boolean isNumberPart(String sql, int i) {
    char c = sql.charAt(i);
    if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
      return true;
    }
    char before = sql.charAt(i - 1);
    return (c == '+' || c == '-') && (before == 'e' || before == 'E');
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_' || c > 0x7f;
  }

  private static boolean isWordPart(char c) {
    return isWordStart(c) || Character.isDigit(c) || c == '$';
  }

  /** Whether an identifier can be written without quotes and still mean the same name. */
  private static boolean isBare(String name) {
    if (name.isEmpty() || isSqlKeyword(name)) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ascii = c < 0x80 && (Character.isLetter(c) || c == '_' || (i > 0 && (Character.isDigit(c) || c == '$')));
      if (!ascii) {
        return false;
      }
    }
    return true;
  }

  private static final List<String> SYMBOLS =
      List.of("->>", "->", "||", "<=", ">=", "==", "!=", "<>", "<<", ">>");

  private static String symbolAt(String sql, int i) {
    for (String symbol : SYMBOLS) {
      if (sql.startsWith(symbol, i)) {
        return symbol;
      }
    }
    return String.valueOf(sql.charAt(i));
  }

  /** https://sqlite.org/lang_keywords.html */
  private static final Set<String> KEYWORDS =
      Set.of(
          "ABORT", "ACTION", "ADD", "AFTER", "ALL", "ALTER", "ALWAYS", "ANALYZE", "AND", "AS", "ASC",
          "ATTACH", "AUTOINCREMENT", "BEFORE", "BEGIN", "BETWEEN", "BY", "CASCADE", "CASE", "CAST",
          "CHECK", "COLLATE", "COLUMN", "COMMIT", "CONFLICT", "CONSTRAINT", "CREATE", "CROSS",
          "CURRENT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "DATABASE", "DEFAULT",
          "DEFERRABLE", "DEFERRED", "DELETE", "DESC", "DETACH", "DISTINCT", "DO", "DROP", "EACH",
          "ELSE", "END", "ESCAPE", "EXCEPT", "EXCLUDE", "EXCLUSIVE", "EXISTS", "EXPLAIN", "FAIL",
          "FILTER", "FIRST", "FOLLOWING", "FOR", "FOREIGN", "FROM", "FULL", "GENERATED", "GLOB",
          "GROUP", "GROUPS", "HAVING", "IF", "IGNORE", "IMMEDIATE", "IN", "INDEX", "INDEXED",
          "INITIALLY", "INNER", "INSERT", "INSTEAD", "INTERSECT", "INTO", "IS", "ISNULL", "JOIN",
          "KEY", "LAST", "LEFT", "LIKE", "LIMIT", "MATCH", "MATERIALIZED", "NATURAL", "NO", "NOT",
          "NOTHING", "NOTNULL", "NULL", "NULLS", "OF", "OFFSET", "ON", "OR", "ORDER", "OTHERS",
          "OUTER", "OVER", "PARTITION", "PLAN", "PRAGMA", "PRECEDING", "PRIMARY", "QUERY", "RAISE",
          "RANGE", "RECURSIVE", "REFERENCES", "REGEXP", "REINDEX", "RELEASE", "RENAME", "REPLACE",
          "RESTRICT", "RETURNING", "RIGHT", "ROLLBACK", "ROW", "ROWS", "SAVEPOINT", "SELECT", "SET",
          "TABLE", "TEMP", "TEMPORARY", "THEN", "TIES", "TO", "TRANSACTION", "TRIGGER", "UNBOUNDED",
          "UNION", "UNIQUE", "UPDATE", "USING", "VACUUM", "VALUES", "VIEW", "VIRTUAL", "WHEN",
          "WHERE", "WINDOW", "WITH", "WITHOUT");
}
