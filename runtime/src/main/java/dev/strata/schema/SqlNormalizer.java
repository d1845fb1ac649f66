package dev.strata.schema;

import dev.strata.sql.SqlIdentifiers;
import dev.strata.sql.SqlTokens.Kind;
import dev.strata.sql.SqlTokens.Token;
import dev.strata.sql.SqlTokens;
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
 */
public final class SqlNormalizer {
  private SqlNormalizer() {}

  /** The canonical spelling of {@code sql}. */
  public static String normalize(String sql) {
    return render(SqlTokens.tokenize(sql));
  }

  /** The canonical spelling of a run of tokens. */
  static String render(List<Token> tokens) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0 && spaceBetween(tokens.get(i - 1), tokens.get(i), i > 1 ? tokens.get(i - 2) : null)) {
        out.append(' ');
      }
      out.append(canonical(tokens.get(i)));
    }
    return out.toString();
  }

  private static String canonical(Token token) {
    return switch (token.kind()) {
      case WORD ->
          SqlIdentifiers.isKeyword(token.value())
              ? token.value().toUpperCase(Locale.ROOT)
              : SqlIdentifiers.fold(token.value());
      case QUOTED -> SqlIdentifiers.quote(SqlIdentifiers.fold(token.value()));
      case LITERAL, SYMBOL -> token.value();
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
