package dev.strata.processor.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlTextTest {

  @Test
  void firstWordSkipsComments() {
    assertEquals(
        "WITH", SqlText.firstWord("-- totals\n/* cte */ with t AS (SELECT 1) SELECT * FROM t"));
    assertEquals("", SqlText.firstWord("  "));
    assertEquals("", SqlText.firstWord("-- only a comment"));
    assertEquals("SELECT", SqlText.firstWord(";; select 1"));
    assertEquals("", SqlText.firstWord("(SELECT 1)"));
  }

  @Test
  void triggerNames() {
    assertEquals(
        Optional.of("audit"),
        SqlText.triggerName("CREATE TRIGGER audit AFTER INSERT ON t BEGIN SELECT 1; END"));
    assertEquals(
        Optional.of("my trigger"),
        SqlText.triggerName(
            "create temp trigger if not exists main.\"my trigger\" AFTER DELETE ON t BEGIN SELECT"
                + " 1; END"));
    assertEquals(
        Optional.of("audit"),
        SqlText.triggerName(
            "CREATE /* why */ TRIGGER -- note\n audit AFTER INSERT ON t BEGIN SELECT 1; END"));
    assertEquals(
        Optional.of("tëst"),
        SqlText.triggerName("CREATE TRIGGER tëst AFTER INSERT ON t BEGIN SELECT 1; END"));
    assertEquals(
        Optional.of("it's"),
        SqlText.triggerName("CREATE TRIGGER 'it''s' AFTER INSERT ON t BEGIN SELECT 1; END"));
    assertEquals(Optional.empty(), SqlText.triggerName("DELETE FROM t"));
    assertEquals(Optional.empty(), SqlText.triggerName("CREATE TRIGGER"));
  }

  @Test
  void bareNamesAsDefaults() {
    assertTrue(SqlText.isBareName("abc"));
    assertTrue(SqlText.isBareName(" \"abc\" "));
    assertFalse(SqlText.isBareName("'abc'"));
    assertFalse(SqlText.isBareName("-1"));
    assertFalse(SqlText.isBareName("1.5e3"));
    assertFalse(SqlText.isBareName("(strftime('%s', 'now'))"));
    assertFalse(SqlText.isBareName("null"));
    assertFalse(SqlText.isBareName("Current_Timestamp"));
    assertFalse(SqlText.isBareName("x'00'"));
    assertFalse(SqlText.isBareName(""));
  }
}
