package dev.strata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlSplitterTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "two plain statements",
            "CREATE TABLE a (x); CREATE TABLE b (y);",
            "CREATE TABLE a (x)",
            "CREATE TABLE b (y)"),
        row(
            "trailing statement without semicolon",
            "INSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2)",
            "INSERT INTO a VALUES (1)",
            "INSERT INTO a VALUES (2)"),
        row("blank statements dropped", ";;  ;\n\tSELECT 1;;\n ;", "SELECT 1"),
        row("empty script", "   \n  "),
        row(
            "semicolon in single-quoted string",
            "INSERT INTO a VALUES ('x;y'); SELECT 2",
            "INSERT INTO a VALUES ('x;y')",
            "SELECT 2"),
        row(
            "doubled single quote escape",
            "INSERT INTO a VALUES ('it''s; fine'); SELECT 2",
            "INSERT INTO a VALUES ('it''s; fine')",
            "SELECT 2"),
        row(
            "string ending in doubled quote",
            "SELECT ''''; SELECT ';'''",
            "SELECT ''''",
            "SELECT ';'''"),
        row(
            "double-quoted identifier with semicolon and escape",
            "CREATE TABLE \"we;ird\"\"name\" (x); SELECT 1",
            "CREATE TABLE \"we;ird\"\"name\" (x)",
            "SELECT 1"),
        row(
            "backtick identifier",
            "CREATE TABLE `a;b``c` (x); SELECT 1",
            "CREATE TABLE `a;b``c` (x)",
            "SELECT 1"),
        row(
            "bracket identifier",
            "CREATE TABLE [a;b] ([c;d] INTEGER); SELECT 1",
            "CREATE TABLE [a;b] ([c;d] INTEGER)",
            "SELECT 1"),
        row(
            "line comment with semicolon, inside a statement",
            "CREATE TABLE a (\n  x INTEGER -- the x; really\n); SELECT 1",
            "CREATE TABLE a (\n  x INTEGER -- the x; really\n)",
            "SELECT 1"),
        row(
            "block comment with semicolon, inside a statement",
            "SELECT /* a; b */ 1; SELECT 2",
            "SELECT /* a; b */ 1",
            "SELECT 2"),
        row(
            "leading and trailing comments are not statements",
            "-- header;\n/* note; */ SELECT 1; -- trailer;\n/* end */",
            "SELECT 1"),
        row(
            "comment markers inside strings are text",
            "SELECT '--;', '/*;*/'; SELECT 2",
            "SELECT '--;', '/*;*/'",
            "SELECT 2"),
        row(
            "quote inside a comment is ignored",
            "SELECT 1; -- don't\nSELECT 2",
            "SELECT 1",
            "SELECT 2"),
        row(
            "unterminated block comment runs to the end",
            "SELECT 1; /* open ; SELECT 2",
            "SELECT 1"),
        row(
            "trigger body keeps its semicolons",
            "CREATE TABLE a (x); CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1);"
                + " UPDATE b SET y = 2; END; SELECT 3",
            "CREATE TABLE a (x)",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN INSERT INTO b VALUES (1); UPDATE b SET y = 2;"
                + " END",
            "SELECT 3"),
        row(
            "temp trigger, lower case, multi-line",
            "create temp trigger t\nafter delete on a\nbegin\n  delete from b;\nend;\nselect 1",
            "create temp trigger t\nafter delete on a\nbegin\n  delete from b;\nend",
            "select 1"),
        row(
            "CASE ... END inside a trigger body",
            "CREATE TRIGGER t AFTER UPDATE ON a BEGIN UPDATE b SET y = CASE WHEN new.x > 0 THEN 1"
                + " ELSE 0 END; INSERT INTO c VALUES (CASE new.x WHEN 1 THEN 'one' END); END;"
                + " SELECT 1",
            "CREATE TRIGGER t AFTER UPDATE ON a BEGIN UPDATE b SET y = CASE WHEN new.x > 0 THEN 1"
                + " ELSE 0 END; INSERT INTO c VALUES (CASE new.x WHEN 1 THEN 'one' END); END",
            "SELECT 1"),
        row(
            "column named end inside a trigger body",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE span SET end = new.x; END; SELECT 1",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE span SET end = new.x; END",
            "SELECT 1"),
        row(
            "CASE in trigger WHEN clause and strings with END; inside the body",
            "CREATE TRIGGER IF NOT EXISTS t BEFORE INSERT ON a WHEN CASE new.x WHEN 1 THEN 1 END "
                + "BEGIN SELECT RAISE(ABORT, 'END;'); END; SELECT 1",
            "CREATE TRIGGER IF NOT EXISTS t BEFORE INSERT ON a WHEN CASE new.x WHEN 1 THEN 1 END "
                + "BEGIN SELECT RAISE(ABORT, 'END;'); END",
            "SELECT 1"),
        row(
            "comment between the last semicolon and END",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; /* done; */ END /* x */ ;"
                + " SELECT 1",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; /* done; */ END",
            "SELECT 1"),
        row(
            "EXPLAIN of a trigger keeps the body",
            "EXPLAIN CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END; SELECT 2",
            "EXPLAIN CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END",
            "SELECT 2"),
        row(
            "EXPLAIN QUERY PLAN of a temporary trigger keeps the body",
            "explain query plan create temporary trigger t after insert on a begin select 1; end;"
                + " select 2",
            "explain query plan create temporary trigger t after insert on a begin select 1; end",
            "select 2"),
        row(
            "TEMP trigger with IF NOT EXISTS",
            "CREATE TEMP TRIGGER IF NOT EXISTS t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END;"
                + " SELECT 3",
            "CREATE TEMP TRIGGER IF NOT EXISTS t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END",
            "SELECT 3"),
        row(
            "EXPLAIN of other statements splits as usual",
            "EXPLAIN SELECT 1; EXPLAIN QUERY PLAN SELECT 2",
            "EXPLAIN SELECT 1",
            "EXPLAIN QUERY PLAN SELECT 2"),
        row(
            "quoted END does not close a trigger",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; \"END\"; END; SELECT 2",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; \"END\"; END",
            "SELECT 2"),
        row(
            "blob literal with a semicolon",
            "INSERT INTO a VALUES (x'3b'); SELECT ';'",
            "INSERT INTO a VALUES (x'3b')",
            "SELECT ';'"),
        row(
            "trigger as the last statement without semicolon",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END",
            "CREATE TRIGGER t AFTER INSERT ON a BEGIN DELETE FROM b; END"),
        row(
            "BEGIN and END transaction statements are ordinary",
            "BEGIN; INSERT INTO a VALUES (1); END;",
            "BEGIN",
            "INSERT INTO a VALUES (1)",
            "END"),
        row(
            "create table named trigger_log is not a trigger",
            "CREATE TABLE trigger_log (x); SELECT 1",
            "CREATE TABLE trigger_log (x)",
            "SELECT 1"),
        row(
            "non-ASCII text and identifiers",
            "INSERT INTO pièce VALUES ('écrou;'); SELECT 'ß'",
            "INSERT INTO pièce VALUES ('écrou;')",
            "SELECT 'ß'"));
  }

  private static Arguments row(String name, String script, String... expected) {
    return Arguments.of(name, script, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splits(String name, String script, List<String> expected) {
    assertEquals(expected, SqlSplitter.split(script));
  }

  /** The split statements of a real schema with triggers run on SQLite one by one. */
  @Test
  void splitStatementsRunOnSqlite() throws SQLException {
    String script =
        """
        CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "end" INTEGER);
        CREATE TABLE audit (id INTEGER PRIMARY KEY, note TEXT);
        -- keep an audit trail; one row per change
        CREATE TRIGGER part_audit AFTER UPDATE ON part
        BEGIN
          INSERT INTO audit (note) VALUES ('changed; ' \
          || CASE WHEN new.name = old.name THEN 'same' ELSE 'renamed' END);
          UPDATE part SET "end" = 1 WHERE id = new.id AND "end" IS NULL;
        END;
        INSERT INTO part (name) VALUES ('bolt');
        UPDATE part SET name = 'nut'
        """;
    List<String> statements = SqlSplitter.split(script);
    assertEquals(5, statements.size());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      var rs = s.executeQuery("SELECT note FROM audit");
      rs.next();
      assertEquals("changed; renamed", rs.getString(1));
    }
  }

  /** SQLite prepares each explained or temporary trigger as one statement. */
  @Test
  void explainedAndTemporaryTriggersRunOnSqlite() throws SQLException {
    String script =
        """
        CREATE TABLE a (x);
        EXPLAIN CREATE TRIGGER t1 AFTER INSERT ON a BEGIN SELECT 1; END;
        EXPLAIN QUERY PLAN CREATE TRIGGER t2 AFTER INSERT ON a BEGIN SELECT 1; END;
        CREATE TEMP TRIGGER IF NOT EXISTS t3 AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END;
        CREATE TRIGGER IF NOT EXISTS t4 AFTER INSERT ON a BEGIN SELECT 1; END
        """;
    List<String> statements = SqlSplitter.split(script);
    assertEquals(5, statements.size());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
