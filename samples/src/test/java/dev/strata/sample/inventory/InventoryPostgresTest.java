package dev.strata.sample.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.ValidateResult;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.sql.Dialect;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same app on a real PostgreSQL server (embedded: the server's own binaries, no Docker): the
 * PostgreSQL texts of the migrations run there, and the result is the entities' PostgreSQL schema.
 */
class InventoryPostgresTest {
  private static EmbeddedPostgres server;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    server = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
    url = server.getJdbcUrl("postgres", "postgres");
    String text = run();
    assertTrue(text.contains("Applied 8 migration(s): version 0 -> 8"), text);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String run() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int status =
        InventoryApp.run(
            new String[] {"--url", url}, new PrintStream(captured, true, StandardCharsets.UTF_8));
    String text = captured.toString(StandardCharsets.UTF_8);
    assertEquals(0, status, text);
    return text;
  }

  @Test
  void theAppMigratesValidatesAndReportsOnPostgresql() throws Exception {
    String again = run();

    assertTrue(again.contains("Applied 0 migration(s): version 8 -> 8"), again);
    assertTrue(again.contains("Valid"), again);
    assertTrue(again.contains("on PostgreSQL, use the server's own tools"), again);
    assertTrue(again.contains("Status:              UP"), again);
    assertTrue(again.contains("Database: jdbc:postgresql://"), again);
  }

  @Test
  void eachMigrationIsRecordedWithTheChecksumOfItsPostgresqlText() throws SQLException {
    List<MigrationDescriptor> migrations = new StrataMigrations().migrations();
    List<String> expected = new ArrayList<>();
    for (MigrationDescriptor m : migrations) {
      expected.add(m.version() + " " + m.on(Dialect.POSTGRESQL).checksum());
    }

    assertEquals(
        expected,
        column(
            "SELECT version || ' ' || checksum FROM "
                + Strata.HISTORY_TABLE
                + " ORDER BY version"));
    // Version 1 has a text of its own there; version 6 runs its portable text on both.
    assertNotEquals(
        migrations.get(0).checksum(), migrations.get(0).on(Dialect.POSTGRESQL).checksum());
    assertEquals(migrations.get(5).checksum(), migrations.get(5).on(Dialect.POSTGRESQL).checksum());
  }

  @Test
  void theTablesHavePostgresqlsOwnTypes() throws SQLException {
    assertEquals(
        List.of(
            "allocated_at timestamp with time zone",
            "created_at timestamp with time zone",
            "discontinued boolean",
            "id bigint",
            "unit_price numeric"),
        column(
            "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema()"
                + " AND column_name IN ('allocated_at', 'created_at', 'discontinued', 'unit_price')"
                + " OR (table_name = 'part' AND column_name = 'id')"
                + " ORDER BY 1"));
  }

  @Test
  void theTriggersAndTheCaseInsensitiveSkuWorkAsOnSqlite() throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO part (sku, name, category_id, created_at)"
              + " SELECT 'NUT-M3', 'Nut M3', id, now() FROM category WHERE name = 'Uncategorized'");
      SQLException duplicate =
          assertThrows(
              SQLException.class,
              () ->
                  s.execute(
                      "INSERT INTO part (sku, name, category_id, created_at)"
                          + " SELECT 'nut-m3', 'Other', category_id, now() FROM part"
                          + " WHERE sku = 'NUT-M3'"));
      assertEquals("23505", duplicate.getSQLState(), duplicate.getMessage());
      s.execute(
          "INSERT INTO stock (part_id, location_code, quantity)"
              + " SELECT id, 'MAIN', 5 FROM part WHERE sku = 'NUT-M3'");
      String ofNut = " WHERE part_id = (SELECT id FROM part WHERE sku = 'NUT-M3')";
      assertEquals(
          List.of("1"), column("SELECT count(*) FROM stock" + ofNut + " AND updated_at IS NULL"));
      s.execute("UPDATE stock SET quantity = 4" + ofNut);
      assertEquals(
          List.of("1"),
          column("SELECT count(*) FROM stock" + ofNut + " AND updated_at IS NOT NULL"));

      SQLException tooMuch =
          assertThrows(
              SQLException.class,
              () ->
                  s.execute(
                      "INSERT INTO allocation (part_id, location_code, \"order\", quantity,"
                          + " allocated_at) SELECT part_id, 'MAIN', 'SO-1', 5, now() FROM stock"
                          + ofNut));
      assertTrue(
          tooMuch.getMessage().contains("allocation exceeds free stock"), tooMuch.getMessage());
    }
  }

  @Test
  void theGeneratedFixturesPopulateEveryTableWithTypedValues() throws SQLException {
    Map<String, Integer> rows;
    try (Connection c = DriverManager.getConnection(url)) {
      rows = StrataFixtures.populate(c, 25);
    }

    for (String table : List.of("category", "location", "part", "stock", "allocation")) {
      assertEquals(25, rows.get(table), table + ": " + rows);
    }
    // Children point at the keys the server gave their parents: every join finds its row.
    assertEquals(
        column("SELECT count(*) FROM allocation"),
        column(
            "SELECT count(*) FROM allocation a JOIN stock s"
                + " ON s.part_id = a.part_id AND s.location_code = a.location_code"
                + " JOIN part p ON p.id = s.part_id JOIN category c ON c.id = p.category_id"));
    assertEquals(List.of("0"), column("SELECT count(*) FROM part WHERE created_at IS NULL"));
  }

  @Test
  void validateFindsNoDriftFromTheEntitiesPostgresqlSchema() {
    ValidateResult result = Strata.configure().url(url).load().validate();

    assertTrue(result.valid(), result.render());
  }

  private static List<String> column(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    }
  }
}
