package dev.strata.processor.migration.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatementNormalizerTest {
  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of("CREATE TABLE t (a INT,  b TEXT)", "CREATE TABLE t(a INT,b TEXT)"),
        Arguments.of("  CREATE\tTABLE\n t ( a INT ) ; ; ", "CREATE TABLE t(a INT)"),
        Arguments.of("SELECT 1 -- one\n + 2", "SELECT 1+2"),
        Arguments.of("SELECT /* a */ 1 /* unterminated", "SELECT 1"),
        Arguments.of("SELECT '  -- not a comment  '", "SELECT '  -- not a comment  '"),
        Arguments.of(
            "SELECT 'it''s  ok' , \"a  \"\"b\"\"\"", "SELECT 'it''s  ok',\"a  \"\"b\"\"\""),
        Arguments.of("SELECT [my  col] ,  `x  y` FROM t", "SELECT [my  col],`x  y` FROM t"),
        Arguments.of("SELECT x - -1", "SELECT x--1"),
        Arguments.of("-- only a comment\n ; /* and another */", ""));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void dropsCommentsAndLayout(String statement, String expected) {
    assertEquals(expected, StatementNormalizer.normalize(statement));
  }

  static Stream<Arguments> differentStatements() {
    return Stream.of(
        Arguments.of("SELECT 'a b'", "SELECT 'a  b'"),
        Arguments.of("SELECT 1e5", "SELECT 1 e5"),
        Arguments.of("select 1", "SELECT 1"));
  }

  @ParameterizedTest
  @MethodSource("differentStatements")
  void keepsEveryOtherDifference(String left, String right) {
    assertNotEquals(StatementNormalizer.normalize(left), StatementNormalizer.normalize(right));
  }
}
