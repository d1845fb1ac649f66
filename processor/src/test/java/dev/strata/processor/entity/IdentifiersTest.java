package dev.strata.processor.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.sql.SqlIdentifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteConfig;

class IdentifiersTest {

  @ParameterizedTest
  @CsvSource({
    "OrderLine, order_line",
    "userID, user_id",
    "URLPath, url_path",
    "line2Count, line2_count",
    "id, id",
    "HTTP, http",
  })
  void snakeCase(String java, String sql) {
    assertEquals(sql, Identifiers.snakeCase(java));
  }

  @Test
  void quotesOnlyWhenNeeded() {
    assertEquals("order_line", SqlIdentifiers.quote("order_line"));
    assertEquals("\"order\"", SqlIdentifiers.quote("order"));
    assertEquals("\"Select\"", SqlIdentifiers.quote("Select"));
    assertEquals("\"unit price\"", SqlIdentifiers.quote("unit price"));
    assertEquals("\"say \"\"hi\"\"\"", SqlIdentifiers.quote("say \"hi\""));
    assertEquals("\"2fa\"", SqlIdentifiers.quote("2fa"));
  }

  /** Every keyword, and some awkward names, work as table and column names once quoted. */
  @Test
  void quotedNamesAreAcceptedBySqlite() throws SQLException {
    List<String> names = new java.util.ArrayList<>(SqlIdentifiers.keywords());
    names.addAll(List.of("unit price", "say \"hi\"", "2fa", "Grüße", "a.b", "[x]"));
    try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite::memory:");
        Statement sql = c.createStatement()) {
      for (String name : names) {
        String q = SqlIdentifiers.quote(name);
        sql.execute("CREATE TABLE " + q + " (" + q + " INTEGER)");
        sql.execute("INSERT INTO " + q + " (" + q + ") VALUES (1)");
        sql.execute("DROP TABLE " + q);
      }
    }
  }

  @Test
  void reservedAndIllegalNames() {
    assertTrue(Identifiers.problem("sqlite_sequence").isPresent());
    assertTrue(Identifiers.problem("SQLITE_x").isPresent());
    assertTrue(Identifiers.problem("  ").isPresent());
    assertTrue(Identifiers.problem("a\u0000b").isPresent());
    assertTrue(Identifiers.problem("sqlitefoo").isEmpty());
    assertTrue(Identifiers.problem("order").isEmpty());
  }

  /** SQLite's NOCASE and name lookup fold A-Z only; other letters keep their case. */
  @Test
  void keyFoldsAsciiCaseOnly() {
    assertEquals("order_line", SqlIdentifiers.fold("Order_LINE"));
    assertEquals("Ä", SqlIdentifiers.fold("Ä"));
    assertEquals("straße", SqlIdentifiers.fold("STRAßE".replace("STRA", "stra")));
    assertEquals("İd", SqlIdentifiers.fold("İD"));
  }
}
