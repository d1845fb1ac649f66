package dev.strata.processor.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough lexing of user SQL to check its shape before SQLite sees it: statements are split at
 * semicolons outside quotes and comments, and the leading keyword is read past comments.
 */
public final class SqlText {
  /** A name: "double-quoted", [bracketed], `backticked` or bare. */
  private static final String NAME =
      "\"(?:[^\"]|\"\")*\"|\\[[^\\]]*]|`[^`]*`|[A-Za-z_][A-Za-z0-9_$]*";
  private static final Pattern TRIGGER = Pattern.compile(
      "CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?"
          + "(?:(?:" + NAME + ")\\s*\\.\\s*)?(" + NAME + ")",
      Pattern.CASE_INSENSITIVE);

  private SqlText() {}

  /** The text with comments blanked out, so that only code is left to look at. */
  static String code(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      if (c == '-' && sql.startsWith("--", i)) {
        end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        out.append(" ");
      } else if (c == '/' && sql.startsWith("/*", i)) {
        end = sql.indexOf("*/", i + 2);
        end = end < 0 ? sql.length() : end + 2;
        out.append(" ");
      } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
        end = closing(sql, i, c == '[' ? ']' : c);
        out.append(sql, i, end);
      } else {
        end = i + 1;
        out.append(c);
      }
      i = end;
    }
    return out.toString();
  }

  /** The statements of a script, without comments; blank ones are dropped. */
  static List<String> statements(String sql) {
    String code = code(sql);
    List<String> statements = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < code.length()) {
      char c = code.charAt(i);
      if (c == '\'' || c == '"' || c == '`' || c == '[') {
        i = closing(code, i, c == '[' ? ']' : c);
        continue;
      }
      if (c == ';') {
        statements.add(code.substring(start, i));
        start = i + 1;
      }
      i++;
    }
    statements.add(code.substring(start));
    return statements.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The first keyword, upper case, or blank. */
  public static String firstWord(String sql) {
    String code = code(sql).stripLeading();
    int end = 0;
    while (end < code.length() && Character.isLetter(code.charAt(end))) {
      end++;
    }
    return code.substring(0, end).toUpperCase(Locale.ROOT);
  }

  /** The name a CREATE TRIGGER statement creates, unquoted. */
  static Optional<String> triggerName(String sql) {
    Matcher m = TRIGGER.matcher(code(sql).strip());
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    String name = m.group(1);
    char first = name.charAt(0);
    if (first == '"') {
      return Optional.of(name.substring(1, name.length() - 1).replace("\"\"", "\""));
    }
    if (first == '[' || first == '`') {
      return Optional.of(name.substring(1, name.length() - 1));
    }
    return Optional.of(name);
  }

  /** The statement as written, without surrounding blanks and a final semicolon. */
  static String trimStatement(String sql) {
    String s = sql.strip();
    while (s.endsWith(";")) {
      s = s.substring(0, s.length() - 1).stripTrailing();
    }
    return s;
  }

  /** The index just past the closing quote; a doubled quote inside stays part of the literal. */
  private static int closing(String sql, int open, char quote) {
    int i = open + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (quote != ']' && i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
