package dev.strata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.PostgresServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL's splitting rules, each case also run statement by statement on the real server, which
 * proves that every piece the splitter returned is one whole statement.
 */
class PostgresSplitterTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "$$ body with semicolons",
            "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$;"
                + " SELECT f()",
            "CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END; $$",
            "SELECT f()"),
        row(
            "tagged dollar quote holding $$ and a semicolon",
            "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $fn$ SELECT '$$;' $fn$; SELECT g()",
            "CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $fn$ SELECT '$$;' $fn$",
            "SELECT g()"),
        row(
            "$1 is a parameter, not a quote",
            "PREPARE p(int) AS SELECT $1; EXECUTE p(1)",
            "PREPARE p(int) AS SELECT $1",
            "EXECUTE p(1)"),
        row(
            "escape string with an escaped quote",
            "SELECT E'it\\'s; fine'; SELECT 2",
            "SELECT E'it\\'s; fine'",
            "SELECT 2"),
        row(
            "escape string ending in an escaped backslash",
            "SELECT E'a\\\\'; SELECT 'b;'",
            "SELECT E'a\\\\'",
            "SELECT 'b;'"),
        row(
            "plain string: a backslash escapes nothing",
            "SELECT 'a\\'; SELECT 2",
            "SELECT 'a\\'",
            "SELECT 2"),
        row(
            "nested block comment before a statement",
            "/* outer /* inner; */ still a comment; */ SELECT 1; SELECT 2",
            "SELECT 1",
            "SELECT 2"),
        row(
            "nested block comment inside a statement",
            "SELECT 1 /* a /* b; */ c; */ + 1; SELECT 2",
            "SELECT 1 /* a /* b; */ c; */ + 1",
            "SELECT 2"),
        row(
            "a nested comment closed once is still open: it hides the rest",
            "SELECT 1 /* a /* b */ c; SELECT 2",
            "SELECT 1"),
        row(
            "SQL-standard function body",
            "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;"
                + " SELECT h()",
            "CREATE FUNCTION h() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END",
            "SELECT h()"),
        row(
            "dollar sign inside a name",
            "CREATE TABLE a$b (x int); SELECT x FROM a$b",
            "CREATE TABLE a$b (x int)",
            "SELECT x FROM a$b"),
        row(
            "brackets are array subscripts, not SQLite's quoted names",
            "SELECT (ARRAY[1, 2])[1] AS \"x;y\"; SELECT 2",
            "SELECT (ARRAY[1, 2])[1] AS \"x;y\"",
            "SELECT 2"));
  }

  private static Arguments row(String name, String script, String... expected) {
    return Arguments.of(name, script, List.of(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splitsAsPostgresqlReadsAndEachPieceRuns(String name, String script, List<String> expected)
      throws SQLException {
    List<String> statements = Dialect.POSTGRESQL.split(script);
    assertEquals(expected, statements);
    try (Connection c = PostgresServer.freshSchema();
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unterminated")
  void anUnterminatedQuoteOrCommentRunsToTheEnd(String script) {
    assertEquals(List.of(script), Dialect.POSTGRESQL.split(script));
  }

  static Stream<String> unterminated() {
    return Stream.of("SELECT $$ a; b", "SELECT $t$ a; $$ b", "SELECT E'a\\'; b");
  }
}
