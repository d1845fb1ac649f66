package dev.strata.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SqlNormalizerTest {
  private static String n(String sql) {
    return SqlNormalizer.normalize(sql);
  }

  @Test
  void collapsesWhitespaceAndStripsComments() {
    assertEquals(
        "CREATE VIEW v AS SELECT a, b FROM t WHERE a > 1",
        n("create   view v as -- the view\n select a ,b\n\tfrom t /* filter */ where a>1"));
  }

  @Test
  void uppercasesKeywordsLowercasesIdentifiersAndKeepsLiterals() {
    assertEquals("SELECT name, 'Mixed Case' FROM part", n("select Name, 'Mixed Case' from PART"));
    assertEquals("SELECT \"ÉtÉ\" FROM \"order\"", n("SELECT \"ÉTÉ\" FROM \"Order\""));
  }

  @Test
  void dropsQuotesThatAreNotNeededInEveryQuotingStyle() {
    String expected = "SELECT qty FROM part";
    assertEquals(expected, n("SELECT \"qty\" FROM `part`"));
    assertEquals(expected, n("SELECT [qty] FROM part"));
  }

  @Test
  void keepsQuotesOnReservedWordsAndUnusualNamesInOneStyle() {
    assertEquals("SELECT \"group\", \"my col\" FROM \"order\"", n("SELECT [group], `my col` FROM \"order\""));
    assertEquals("SELECT \"a\"\"b\"", n("SELECT `a\"b`"));
  }

  @Test
  void spacesParenthesesTheSameWayWhateverTheInput() {
    assertEquals("CHECK (lower(name) IN ('a', 'b'))", n("CHECK(lower ( name )in('a','b'))"));
    assertEquals("x <= -1 || y", n("x<=-1||y"));
    assertEquals("DEFAULT -1", n("default - 1"));
    assertEquals("(a) - 1, b - +2", n("(a)-1,b-+2"));
  }

  @Test
  void keepsStringLiteralsAndCommentLikeTextInsideThemIntact() {
    assertEquals("SELECT 'a  -- b /* c */', X'0A'", n("select 'a  -- b /* c */',x'0A'"));
  }

  @Test
  void realDifferencesSurvive() {
    assertNotEquals(n("CHECK (qty >= 0)"), n("CHECK (qty > 0)"));
    assertNotEquals(n("SELECT 'a'"), n("SELECT 'A'"));
  }
}
