package dev.strata.schema;

import dev.strata.sql.Dialect;
import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqlTokens;
import dev.strata.sql.SqlTokens.Kind;
import dev.strata.sql.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Puts SQL text into one canonical spelling, so that two statements that differ only cosmetically
 * compare equal while any real difference survives.
 *
 * <p>It reads the text with {@link SqlTokens}, which drops comments, then uppercases keywords,
 * lowercases identifiers (SQLite compares them ignoring ASCII case, so their case is cosmetic too),
 * spells every quoted identifier that needs no quotes bare (and any other with double quotes), and
 * joins the tokens with single spaces, none inside parentheses or before commas and none between a
 * name and its argument list. String literals and numbers are kept exactly as written.
 *
 * <p>It also rewrites what SQLite's grammar defines as the same thing, because hand-written
 * migrations spell it either way: {@code !=} becomes {@code <>} and {@code ==} becomes {@code =}
 * (one operator each, spelled as standard SQL does), {@code INNER JOIN} becomes {@code JOIN} and
 * {@code LEFT OUTER JOIN} becomes {@code LEFT JOIN} (the same join), and a trigger loses {@code FOR
 * EACH ROW} (SQLite has only row triggers). It does not add the optional {@code AS} before an
 * alias: telling an alias from the word after an expression (a type name, a multi-word operator)
 * takes a parser, and a wrong guess would hide a real difference.
 */
public final class SqlNormalizer {
  private SqlNormalizer() {}

  /** The canonical spelling of {@code sql}. */
  public static String normalize(String sql) {
    return normalize(sql, Dialect.SQLITE);
  }

  /**
   * The canonical spelling of {@code sql} as {@code dialect} reads it: on PostgreSQL, {@code [..]}
   * is an array subscript or constructor, not a quoted name, and {@code $$..$$} is a string.
   */
  public static String normalize(String sql, Dialect dialect) {
    return render(SqlTokens.tokenize(sql, dialect));
  }

  /**
   * The canonical spelling of a column's DEFAULT expression, as {@code table_info} reports it, or
   * {@code null} for {@code NULL}: a column without a DEFAULT clause gets NULL too, so {@code
   * DEFAULT NULL} is no default.
   *
   * <p>Beyond {@link #normalize}, it rewrites the spellings of one value that SQLite's expression
   * rules make identical, so that a hand-written default matches a generated one: parentheses
   * around the whole expression go ({@code table_info} already drops one pair, so {@code DEFAULT
   * (0)} reads {@code 0} but {@code DEFAULT ((0))} reads {@code (0)}); a unary {@code +} before a
   * literal goes (SQLite's unary plus is a no-op that returns its operand unchanged, string or
   * number); and {@code TRUE} and {@code FALSE} become {@code 1} and {@code 0}, which they are
   * aliases for. Anything that stores another value or type stays as written: {@code 0}, {@code
   * 0.0} and {@code '0'} remain three defaults.
   */
  public static String normalizeDefault(String expression) {
    List<Token> tokens = SqlTokens.tokenize(expression);
    while (tokens.size() >= 2 && tokens.get(0).is("(") && closing(tokens, 0) == tokens.size() - 1) {
      tokens = tokens.subList(1, tokens.size() - 1);
    }
    if (tokens.size() == 2 && tokens.get(0).is("+") && tokens.get(1).kind() == Kind.LITERAL) {
      tokens = tokens.subList(1, 2);
    }
    if (tokens.size() == 1) {
      Token only = tokens.get(0);
      if (only.isKeyword("NULL")) {
        return null;
      } else if (only.isKeyword("TRUE")) {
        return "1";
      } else if (only.isKeyword("FALSE")) {
        return "0";
      }
    }
    return render(tokens);
  }

  /** The index of the parenthesis closing the one at {@code open}, or -1 if it is unclosed. */
  private static int closing(List<Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).is("(")) {
        depth++;
      } else if (tokens.get(i).is(")") && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** The canonical spelling of a CREATE TRIGGER statement. */
  public static String normalizeTrigger(String sql) {
    List<Token> tokens = new ArrayList<>(SqlTokens.tokenize(sql));
    // The clause can only follow the table name, before WHEN and the body, which have expressions.
    for (int i = 0; i + 2 < tokens.size(); i++) {
      if (tokens.get(i).isKeyword("WHEN") || tokens.get(i).isKeyword("BEGIN")) {
        break;
      }
      if (tokens.get(i).isKeyword("FOR")
          && tokens.get(i + 1).isKeyword("EACH")
          && tokens.get(i + 2).isKeyword("ROW")) {
        tokens.subList(i, i + 3).clear();
        break;
      }
    }
    return render(tokens);
  }

  /** The canonical spelling of a run of tokens. */
  static String render(List<Token> written) {
    List<Token> tokens = withoutNoiseWords(written);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0
          && spaceBetween(tokens.get(i - 1), tokens.get(i), i > 1 ? tokens.get(i - 2) : null)) {
        out.append(' ');
      }
      out.append(canonical(tokens.get(i)));
    }
    return out.toString();
  }

  /**
   * Drops INNER before JOIN and OUTER between LEFT, RIGHT or FULL and JOIN. Right before JOIN,
   * SQLite reads these words as the join operator even where they could be names.
   */
  private static List<Token> withoutNoiseWords(List<Token> tokens) {
    List<Token> kept = new ArrayList<>(tokens.size());
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      Token before = kept.isEmpty() ? null : kept.get(kept.size() - 1);
      boolean beforeJoin = i + 1 < tokens.size() && tokens.get(i + 1).isKeyword("JOIN");
      boolean noise =
          beforeJoin
              && (token.isKeyword("INNER")
                  || (token.isKeyword("OUTER")
                      && before != null
                      && (before.isKeyword("LEFT")
                          || before.isKeyword("RIGHT")
                          || before.isKeyword("FULL"))));
      if (!noise) {
        kept.add(token);
      }
    }
    return kept;
  }

  private static String canonical(Token token) {
    return switch (token.kind()) {
      case WORD ->
          SqlIdentifiers.isKeyword(token.value())
              ? token.value().toUpperCase(Locale.ROOT)
              : SqlIdentifiers.fold(token.value());
      case QUOTED -> SqlIdentifiers.quote(SqlIdentifiers.fold(token.value()));
      case SYMBOL ->
          switch (token.value()) {
            case "!=" -> "<>";
            case "==" -> "=";
            default -> token.value();
          };
      case LITERAL -> token.value();
    };
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
        || (before.kind() == Kind.WORD && SqlIdentifiers.isKeyword(before.value()));
  }
}
