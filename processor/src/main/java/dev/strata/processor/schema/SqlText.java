package dev.strata.processor.schema;

import dev.strata.sql.SqlSplitter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the processor reads from user SQL beyond the statement boundaries that
 * {@link SqlSplitter} finds: the leading keyword, and the name a CREATE TRIGGER creates.
 */
public final class SqlText {
  /** A name: "double-quoted", [bracketed], `backticked` or bare. */
  private static final String NAME =
      "\"(?:[^\"]|\"\")*\"|\\[[^\\]]*]|`[^`]*`|[A-Za-z_][A-Za-z0-9_$]*";
  /** Blanks and comments between tokens. */
  private static final String GAP = "(?:\\s|--[^\\n]*(?:\\n|$)|/\\*(?s:.*?)\\*/)";
  private static final Pattern TRIGGER = Pattern.compile(
      "CREATE" + GAP + "+(?:(?:TEMP|TEMPORARY)" + GAP + "+)?TRIGGER" + GAP
          + "+(?:IF" + GAP + "+NOT" + GAP + "+EXISTS" + GAP + "+)?"
          + "(?:(?:" + NAME + ")" + GAP + "*\\." + GAP + "*)?(" + NAME + ")",
      Pattern.CASE_INSENSITIVE);

  private SqlText() {}

  /** The first keyword of the script, upper case, or blank. */
  public static String firstWord(String sql) {
    List<String> statements = SqlSplitter.split(sql);
    String first = statements.isEmpty() ? "" : statements.get(0);
    int end = 0;
    while (end < first.length() && Character.isLetter(first.charAt(end))) {
      end++;
    }
    return first.substring(0, end).toUpperCase(Locale.ROOT);
  }

  /** The name a CREATE TRIGGER statement creates, unquoted. */
  static Optional<String> triggerName(String statement) {
    Matcher m = TRIGGER.matcher(statement);
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
}
