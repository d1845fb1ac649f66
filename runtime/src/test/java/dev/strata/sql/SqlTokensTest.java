package dev.strata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.sql.SqlTokens.Kind;
import dev.strata.sql.SqlTokens.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTokensTest {
  @Test
  void readsEachKindUnquotesNamesAndSkipsComments() {
    String sql = "SELECT [a b], \"x\"\"y\", 'it''s' /* c */ -- d\n FROM t WHERE n >= 1e-5";
    assertEquals(
        List.of(
            "WORD SELECT",
            "QUOTED a b",
            "SYMBOL ,",
            "QUOTED x\"y",
            "SYMBOL ,",
            "LITERAL 'it''s'",
            "WORD FROM",
            "WORD t",
            "WORD WHERE",
            "WORD n",
            "SYMBOL >=",
            "LITERAL 1e-5"),
        SqlTokens.tokenize(sql).stream().map(t -> t.kind() + " " + t.value()).toList());
  }

  @Test
  void leadingReadsOnlyTheFirstTokensAsTokenizeWould() {
    String sql = "/* c */ DROP TABLE IF EXISTS main.\"t\"; SELECT 'unterminated";
    List<Token> all = SqlTokens.tokenize(sql);
    assertEquals(all.subList(0, 4), SqlTokens.leading(sql, 4));
    assertEquals(all.subList(0, 7), SqlTokens.leading(sql, 7));
    assertEquals(all, SqlTokens.leading(sql, 100));
    assertEquals(List.of(), SqlTokens.leading("  -- nothing\n", 5));
  }

  @Test
  void offsetsGiveBackTheSourceText() {
    String sql = "a /* keep */ -> `q`";
    List<Token> tokens = SqlTokens.tokenize(sql);
    assertEquals(
        List.of("a", "->", "`q`"),
        tokens.stream().map(t -> sql.substring(t.start(), t.end())).toList());
    assertEquals("a /* keep */ -> `q`", sql.substring(tokens.get(0).start(), tokens.get(2).end()));
  }

  @Test
  void aHexNumberDoesNotSwallowASubtraction() {
    assertEquals(
        List.of(
            new Token(Kind.LITERAL, "0xE", 0, 3),
            new Token(Kind.SYMBOL, "-", 3, 4),
            new Token(Kind.LITERAL, "1", 4, 5)),
        SqlTokens.tokenize("0xE-1"));
  }

  @Test
  void unterminatedQuotesAndCommentsRunToTheEnd() {
    assertEquals(List.of(new Token(Kind.LITERAL, "'ab", 0, 3)), SqlTokens.tokenize("'ab"));
    assertEquals(List.of(new Token(Kind.WORD, "x", 0, 1)), SqlTokens.tokenize("x /* open"));
  }
}
