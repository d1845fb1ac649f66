package dev.strata.processor.migration.checksum;

/**
 * The canonical text of one SQL statement, which the checksum covers: comments removed, whitespace
 * outside quotes reduced to one space between two words (and dropped next to punctuation, so {@code
 * t (a, b)} and {@code t(a,b)} agree), and trailing semicolons dropped. Re-indenting, re-wrapping
 * or commenting an applied migration therefore keeps its checksum; any other edit, including a
 * change of letter case, changes it.
 *
 * <p>Stored checksums depend on this text, so it is frozen: any change would flag every applied SQL
 * migration as edited. That is why it is not the runtime's {@code dev.strata.schema.SqlNormalizer},
 * whose canonical form serves drift checks and may evolve.
 *
 * <p>This only normalises a statement that {@code dev.strata.sql.SqlSplitter} has already cut out;
 * it does not split. Quotes follow SQLite: {@code '...'} and {@code "..."} and {@code `...`} (a
 * doubled quote escapes itself) and {@code [...]}.
 */
public final class StatementNormalizer {
  private StatementNormalizer() {}

  /** The canonical text; empty when the statement is only comments, whitespace and semicolons. */
  public static String normalize(String statement) {
    StringBuilder out = new StringBuilder(statement.length());
    boolean pendingSpace = false;
    int i = 0;
    int n = statement.length();
    while (i < n) {
      char c = statement.charAt(i);
      if (c == '-' && i + 1 < n && statement.charAt(i + 1) == '-') {
        int end = statement.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        pendingSpace = true;
      } else if (c == '/' && i + 1 < n && statement.charAt(i + 1) == '*') {
        int end = statement.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        pendingSpace = true;
      } else if (Character.isWhitespace(c)) {
        i++;
        pendingSpace = true;
      } else {
        if (pendingSpace && out.length() > 0 && isWord(out.charAt(out.length() - 1)) && isWord(c)) {
          out.append(' ');
        }
        pendingSpace = false;
        int end = c == '\'' || c == '"' || c == '`' || c == '[' ? quoteEnd(statement, i) : i + 1;
        out.append(statement, i, end);
        i = end;
      }
    }
    return stripTrailingSemicolons(out);
  }

  /** Letters, digits, {@code _ $}, non-ASCII and quotes: what a space may separate meaningfully. */
  private static boolean isWord(char c) {
    return Character.isLetterOrDigit(c)
        || c == '_'
        || c == '$'
        || c > 127
        || c == '\''
        || c == '"'
        || c == '`'
        || c == '['
        || c == ']';
  }

  /** The index just past the quoted token starting at {@code start}, or the end of the text. */
  private static int quoteEnd(String text, int start) {
    char close = text.charAt(start) == '[' ? ']' : text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      if (text.charAt(i) == close) {
        boolean doubled = close != ']' && i + 1 < text.length() && text.charAt(i + 1) == close;
        if (!doubled) {
          return i + 1;
        }
        i++;
      }
      i++;
    }
    return text.length();
  }

  private static String stripTrailingSemicolons(StringBuilder text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == ';') {
      end--;
    }
    return text.substring(0, end);
  }
}
