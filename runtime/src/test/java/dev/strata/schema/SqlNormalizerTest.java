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
    assertEquals(
        "SELECT \"group\", \"my col\" FROM \"order\"",
        n("SELECT [group], `my col` FROM \"order\""));
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

  @Test
  void spellsEachOperatorOneWay() {
    assertEquals("a <> b AND c = d", n("a != b and c == d"));
    assertEquals(n("CHECK (a <> 1)"), n("CHECK (a!=1)"));
    assertEquals("'!=', '=='", n("'!=', '=='"));
  }

  @Test
  void dropsTheJoinWordsThatChangeNothing() {
    assertEquals(
        "a JOIN b LEFT JOIN c NATURAL JOIN d",
        n("a INNER JOIN b LEFT OUTER JOIN c NATURAL INNER JOIN d"));
    assertEquals("SELECT \"inner\" FROM t \"outer\"", n("SELECT \"inner\" FROM t \"outer\""));
  }

  @Test
  void dropsForEachRowFromATriggerHeaderOnly() {
    String body = " BEGIN SELECT 1; END";
    assertEquals(
        SqlNormalizer.normalizeTrigger("CREATE TRIGGER t AFTER DELETE ON p WHEN old.x > 0" + body),
        SqlNormalizer.normalizeTrigger(
            "create trigger t after delete on p for each row when old.x > 0" + body));
    assertEquals("FOR EACH ROW", n("for each row"), "only triggers have the clause");
  }

  @Test
  void equivalencesKeepRealDifferences() {
    assertNotEquals(n("a < b"), n("a <= b"));
    assertNotEquals(n("a <> b"), n("a = b"));
    assertNotEquals(n("a JOIN b"), n("a LEFT JOIN b"));
    assertNotEquals(n("a LEFT JOIN b"), n("a RIGHT JOIN b"));
  }

  @Test
  void spellsADefaultValueOneWay() {
    assertEquals("0", SqlNormalizer.normalizeDefault("((0))"));
    assertEquals("0", SqlNormalizer.normalizeDefault("+0"));
    assertEquals("0", SqlNormalizer.normalizeDefault("( +0 )"));
    assertEquals("'OPEN'", SqlNormalizer.normalizeDefault("('OPEN')"));
    assertEquals("'a'", SqlNormalizer.normalizeDefault("+'a'"));
    assertEquals("1", SqlNormalizer.normalizeDefault("true"));
    assertEquals("0", SqlNormalizer.normalizeDefault("FALSE"));
    assertEquals(null, SqlNormalizer.normalizeDefault("NULL"));
    assertEquals(null, SqlNormalizer.normalizeDefault("(null)"));
    assertEquals("strftime('%s', 'now')", SqlNormalizer.normalizeDefault("(STRFTIME('%s','now'))"));
  }

  @Test
  void keepsDefaultsThatStoreAnotherValueOrType() {
    assertEquals("-1", SqlNormalizer.normalizeDefault("(-1)"));
    assertEquals("0.0", SqlNormalizer.normalizeDefault("0.0"));
    assertEquals("'0'", SqlNormalizer.normalizeDefault("'0'"));
    assertEquals("'TRUE'", SqlNormalizer.normalizeDefault("'TRUE'"));
    assertEquals("'NULL'", SqlNormalizer.normalizeDefault("'NULL'"));
    assertEquals("(1) + (2)", SqlNormalizer.normalizeDefault("(1) + (2)"));
    assertEquals("+-1", SqlNormalizer.normalizeDefault("+-1"));
  }
}
