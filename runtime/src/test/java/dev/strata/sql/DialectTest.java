package dev.strata.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The seam's per-dialect facts, checked against the real databases where they can be. */
class DialectTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "long | INTEGER | bigint",
        "java.lang.Long | INTEGER | bigint",
        "int | INTEGER | integer",
        "short | INTEGER | smallint",
        "boolean | INTEGER | boolean",
        "double | REAL | double precision",
        "byte[] | BLOB | bytea",
        "java.lang.String | TEXT | text",
        "java.time.Instant | TEXT | timestamptz",
        "java.time.LocalDate | TEXT | date",
        "java.time.Duration | TEXT | text",
        "java.math.BigDecimal | TEXT | numeric",
        "java.util.UUID | TEXT | uuid"
      })
  void mapsTheDesignsJavaTypes(String java, String sqlite, String postgres) {
    assertEquals(sqlite, Dialect.SQLITE.columnType(java).orElseThrow().sql());
    assertEquals(postgres, Dialect.POSTGRESQL.columnType(java).orElseThrow().sql());
  }

  @Test
  void onlySqliteKeepsBooleansToZeroAndOneWithACheck() {
    assertEquals(List.of("0", "1"), Dialect.SQLITE.columnType("boolean").orElseThrow().allowed());
    assertEquals(List.of(), Dialect.POSTGRESQL.columnType("boolean").orElseThrow().allowed());
    assertEquals(Optional.empty(), Dialect.POSTGRESQL.columnType("char"));
    assertEquals(Optional.empty(), Dialect.SQLITE.columnType("java.util.Date"));
  }

  @Test
  void namesAreQuotedAndFoldedAsEachDatabaseReadsThem() {
    assertEquals("part", Dialect.POSTGRESQL.quote("part"));
    assertEquals("\"Part\"", Dialect.POSTGRESQL.quote("Part"));
    assertEquals("\"user\"", Dialect.POSTGRESQL.quote("user"));
    assertEquals("\"a\"\"b\"", Dialect.POSTGRESQL.quote("a\"b"));
    assertEquals("Part", Dialect.SQLITE.quote("Part"));
    assertEquals("part", Dialect.POSTGRESQL.unquoted("PART"));
    assertEquals("PART", Dialect.SQLITE.unquoted("PART"));
    assertTrue(Dialect.SQLITE.sameName("Part", "PART"));
    assertFalse(Dialect.POSTGRESQL.sameName("Part", "part"));
    assertTrue(Dialect.POSTGRESQL.isReserved("user"));
    assertFalse(Dialect.POSTGRESQL.isReserved("action"));
  }

  @Test
  void theDialectComesFromTheUrlOrTheConnection() throws SQLException {
    assertEquals(Optional.of(Dialect.SQLITE), Dialect.ofUrl("jdbc:sqlite:app.db"));
    assertEquals(Optional.of(Dialect.POSTGRESQL), Dialect.ofUrl("jdbc:postgresql://h/db"));
    assertEquals(Optional.empty(), Dialect.ofUrl("jdbc:h2:mem:x"));
    try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite::memory:");
        Connection postgres = PostgresServer.freshSchema()) {
      assertEquals(Dialect.SQLITE, Dialect.of(sqlite));
      assertEquals(Dialect.POSTGRESQL, Dialect.of(postgres));
    }
  }

  @Test
  void generatedDdlOfEveryMappedTypeRunsOnPostgresql() throws SQLException {
    StringBuilder ddl = new StringBuilder("CREATE TABLE every (");
    ddl.append(Dialect.POSTGRESQL.autoIncrementKey("id"));
    int i = 0;
    for (String java :
        List.of(
            "long",
            "int",
            "short",
            "boolean",
            "double",
            "float",
            "byte[]",
            "java.lang.String",
            "java.math.BigDecimal",
            "java.util.UUID",
            "java.time.Instant",
            "java.time.OffsetDateTime",
            "java.time.LocalDate",
            "java.time.LocalDateTime",
            "java.time.LocalTime",
            "java.time.OffsetTime",
            "java.time.ZonedDateTime")) {
      ddl.append(", c").append(i++).append(' ');
      ddl.append(Dialect.POSTGRESQL.columnType(java).orElseThrow().sql());
    }
    try (Connection c = PostgresServer.freshSchema();
        Statement s = c.createStatement()) {
      s.execute(ddl.append(')').toString());
      s.execute("INSERT INTO every (c0) VALUES (1)");
      s.execute("INSERT INTO every (c0) VALUES (2)");
    }
  }

  @Test
  void postgresMessagesLoseTheDriversWrappingAndGainTheirSqlstate() throws SQLException {
    try (Connection c = PostgresServer.freshSchema();
        Statement s = c.createStatement()) {
      s.execute("SELECT * FROM nowhere");
    } catch (SQLException e) {
      assertEquals(
          "relation \"nowhere\" does not exist"
              + " (SQLSTATE 42P01, syntax error or access rule violation)",
          Dialect.message(e));
      return;
    }
    throw new AssertionError("the query should have failed");
  }
}
