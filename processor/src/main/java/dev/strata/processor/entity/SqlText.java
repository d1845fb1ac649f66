package dev.strata.processor.entity;

import dev.strata.sql.SqlTokens;
import dev.strata.sql.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the processor reads from user SQL beyond the statement boundaries that {@link
 * dev.strata.sql.SqlSplitter} finds: the leading keyword, and the name a CREATE TRIGGER creates.
 * Both read the runtime's tokens, so quoting, comments and non-ASCII names follow SQLite's own
 * lexical rules.
 */
public final class SqlText {
  /** Words that DEFAULT reads as values rather than as names. */
  private static final Set<String> VALUE_WORDS =
      Set.of("NULL", "TRUE", "FALSE", "CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP");

  private SqlText() {}

  /** The first keyword of the script, upper case, or blank. Empty statements are skipped. */
  public static String firstWord(String sql) {
    Token first = SqlTokens.tokenize(sql).stream().filter(t -> !t.is(";")).findFirst().orElse(null);
    if (first == null || first.kind() != SqlTokens.Kind.WORD) {
      return "";
    }
    String word = first.value();
    int end = 0;
    while (end < word.length() && Character.isLetter(word.charAt(end))) {
      end++;
    }
    return word.substring(0, end).toUpperCase(Locale.ROOT);
  }

  /**
   * The name {@code CREATE [TEMP|TEMPORARY] TRIGGER [IF NOT EXISTS] [schema.]name} creates,
   * unquoted; empty when the statement is not a CREATE TRIGGER.
   */
  static Optional<String> triggerName(String statement) {
    List<Token> tokens = SqlTokens.tokenize(statement);
    int i = 0;
    if (!keyword(tokens, i++, "CREATE")) {
      return Optional.empty();
    }
    if (keyword(tokens, i, "TEMP") || keyword(tokens, i, "TEMPORARY")) {
      i++;
    }
    if (!keyword(tokens, i++, "TRIGGER")) {
      return Optional.empty();
    }
    if (keyword(tokens, i, "IF")
        && keyword(tokens, i + 1, "NOT")
        && keyword(tokens, i + 2, "EXISTS")) {
      i += 3;
    }
    if (i + 1 < tokens.size() && tokens.get(i + 1).is(".")) {
      i += 2; // the schema, e.g. main.audit
    }
    return i < tokens.size() ? name(tokens.get(i)) : Optional.empty();
  }

  /**
   * Whether a DEFAULT is one bare or quoted name, such as {@code abc}. SQLite takes it as the
   * string 'abc' but keeps the unquoted text in the schema, so a migration that writes the literal
   * differs from it. The keywords that are values of their own do not count.
   */
  static boolean isBareName(String defaultValue) {
    List<Token> tokens = SqlTokens.tokenize(defaultValue);
    if (tokens.size() != 1) {
      return false;
    }
    Token token = tokens.get(0);
    return token.kind() == SqlTokens.Kind.QUOTED
        || (token.kind() == SqlTokens.Kind.WORD
            && !VALUE_WORDS.contains(token.value().toUpperCase(Locale.ROOT)));
  }

  private static boolean keyword(List<Token> tokens, int i, String keyword) {
    return i < tokens.size() && tokens.get(i).isKeyword(keyword);
  }

  /**
   * The name a token stands for. SQLite also takes a bare keyword where it fits and a 'string' as a
   * name, so those count too.
   */
  private static Optional<String> name(Token token) {
    return switch (token.kind()) {
      case WORD, QUOTED -> Optional.of(token.value());
      case LITERAL ->
          token.value().startsWith("'")
              ? Optional.of(
                  token.value().substring(1, token.value().length() - 1).replace("''", "'"))
              : Optional.empty();
      case SYMBOL -> Optional.empty();
    };
  }
}
