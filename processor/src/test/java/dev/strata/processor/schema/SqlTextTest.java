package dev.strata.processor.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlTextTest {

  @Test
  void splitsOnlyAtSemicolonsOutsideQuotesAndComments() {
    assertEquals(List.of("SELECT ';' AS a", "DROP TABLE x"),
        SqlText.statements("SELECT ';' AS a; DROP TABLE x;"));
    assertEquals(List.of("SELECT \"a;b\" FROM [c;d]"),
        SqlText.statements("SELECT \"a;b\" FROM [c;d] -- ; not this\n; /* ; nor this */"));
  }

  @Test
  void firstWordSkipsComments() {
    assertEquals("WITH", SqlText.firstWord("-- totals\n/* cte */ with t AS (SELECT 1) SELECT * FROM t"));
    assertEquals("", SqlText.firstWord("  "));
  }

  @Test
  void triggerNames() {
    assertEquals(Optional.of("audit"),
        SqlText.triggerName("CREATE TRIGGER audit AFTER INSERT ON t BEGIN SELECT 1; END"));
    assertEquals(Optional.of("my trigger"),
        SqlText.triggerName("create temp trigger if not exists main.\"my trigger\" AFTER DELETE ON t BEGIN SELECT 1; END"));
    assertEquals(Optional.empty(), SqlText.triggerName("DELETE FROM t"));
  }

  @Test
  void trimsTheFinalSemicolon() {
    assertEquals("CREATE TRIGGER a AFTER INSERT ON t BEGIN SELECT 1; END",
        SqlText.trimStatement("  CREATE TRIGGER a AFTER INSERT ON t BEGIN SELECT 1; END;\n"));
  }
}
