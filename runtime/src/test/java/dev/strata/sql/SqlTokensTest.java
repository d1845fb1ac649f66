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
  void plainFirstWordIsTheFirstTokenWhenThatIsPlainlyAWordElseNull() {
    List<String> statements =
        List.of(
            "CREATE TABLE t (id INTEGER)",
            "  \n\tdrop table t",
            "Pragma foreign_keys = OFF",
            "_x$1 y",
            "caf\u00e9 au lait",
            "x'00' || 1",
            "X'00'",
            "xylophone",
            "-- c\nCOMMIT",
            "/* c */ BEGIN",
            "\"DROP\" TABLE t",
            "[DROP] TABLE t",
            "'COMMIT'",
            "1 + 1",
            "(SELECT 1)",
            "",
            "   ");
    for (String sql : statements) {
      String first = SqlTokens.plainFirstWord(sql);
      List<Token> leading = SqlTokens.leading(sql, 1);
      if (first != null) {
        assertEquals(
            List.of(new Token(Kind.WORD, first, leading.get(0).start(), leading.get(0).end())),
            leading,
            sql);
      }
    }
    assertEquals("CREATE", SqlTokens.plainFirstWord("CREATE TABLE t (id INTEGER)"));
    assertEquals("drop", SqlTokens.plainFirstWord("  \n\tdrop table t"));
    assertEquals("xylophone", SqlTokens.plainFirstWord("xylophone"));
    for (String unsure : List.of("x'00'", "-- c\nCOMMIT", "/* c */ BEGIN", "\"DROP\"", "1", "")) {
      assertEquals(null, SqlTokens.plainFirstWord(unsure), unsure);
    }
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
