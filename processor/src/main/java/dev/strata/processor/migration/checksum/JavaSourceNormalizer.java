package dev.strata.processor.migration.checksum;

/**
 * The canonical text of a Java migration's source, which its checksum covers: comments (javadoc
 * included) removed, and whitespace kept, as one space, only where it separates two words or two
 * operator characters ({@code a - -b} must not become {@code a--b}). String and char literals and
 * text blocks are kept exactly, except that line breaks are read as {@code \n} wherever they are,
 * as javac reads them in text blocks, so a Windows checkout agrees with a Unix one. Comments and
 * re-formatting therefore keep the checksum; any edit to the code changes it.
 *
 * <p>The text is the user's own source, not a compiler's rendering of it, so that every JDK
 * computes the same checksum. Stored checksums depend on it, so it is frozen like {@link
 * StatementNormalizer}.
 */
final class JavaSourceNormalizer {
  private static final String OPERATORS = "+-*/%&|^!~<>=?:@.";

  private JavaSourceNormalizer() {}

  static String normalize(CharSequence source) {
    String text = source.toString().replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      int end;
      if (text.startsWith("//", i)) {
        end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        pendingSpace = true;
        continue;
      }
      if (text.startsWith("/*", i)) {
        end = text.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        pendingSpace = true;
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        pendingSpace = true;
        continue;
      }
      if (text.startsWith("\"\"\"", i)) {
        end = literalEnd(text, i + 3, "\"\"\"");
      } else if (c == '"' || c == '\'') {
        end = literalEnd(text, i + 1, String.valueOf(c));
      } else {
        end = i + 1;
      }
      if (pendingSpace && out.length() > 0 && separates(out.charAt(out.length() - 1), c)) {
        out.append(' ');
      }
      pendingSpace = false;
      out.append(text, i, end);
      i = end;
    }
    return out.toString();
  }

  /** Whether a space between {@code left} and {@code right} is part of the meaning. */
  private static boolean separates(char left, char right) {
    return (isWord(left) && isWord(right))
        || (OPERATORS.indexOf(left) >= 0 && OPERATORS.indexOf(right) >= 0);
  }

  private static boolean isWord(char c) {
    return Character.isJavaIdentifierPart(c) || c == '"' || c == '\'';
  }

  /** The index just past {@code close}, skipping backslash escapes, or the end of the text. */
  private static int literalEnd(String text, int from, String close) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == '\\') {
        i += 2;
      } else if (text.startsWith(close, i)) {
        return i + close.length();
      } else {
        i++;
      }
    }
    return text.length();
  }
}
