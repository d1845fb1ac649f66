package dev.strata.sample.inventory;

import static dev.strata.sample.inventory.InventoryMigrationsTest.open;
import static dev.strata.sample.inventory.InventoryMigrationsTest.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.fixture.FixtureException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated fixtures on the migrated inventory database, triggers and all. */
class InventoryFixturesTest {
  @TempDir Path dir;

  @Test
  void populatesTenThousandRowsPerTableWithCleanForeignKeys() throws SQLException {
    Path db = dir.resolve("populated.db");
    strata(db, new StrataMigrations()).migrate();
    try (Connection c = open(db)) {
      long start = System.nanoTime();
      // The allocation guard trigger refuses more than the free stock: one unit each fits.
      Map<String, Integer> counts =
          StrataFixtures.populate(
              c, 10_000, StrataFixtures.Customizer.none().allocation((row, f) -> f.quantity(1)));
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println("populate 10,000 rows per table: " + counts + " in " + ms + " ms");
      assertEquals(5, counts.size());
      counts.values().forEach(n -> assertEquals(10_000, n));
      assertEquals(10_000, single(c, "SELECT count(*) FROM allocation"));
      assertEquals(2, single(c, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"));
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
        assertFalse(rs.next(), "foreign_key_check");
      }
    }
  }

  @Test
  void partFixtureInsertsItsCategoryAndKeepsExplicitValues() throws SQLException {
    Path db = dir.resolve("part.db");
    strata(db, new StrataMigrations()).migrate();
    try (Connection c = open(db)) {
      long categories = ((Number) single(c, "SELECT count(*) FROM category")).longValue();
      long id = PartFixture.of().sku("X-1").reorderLevel(3).insert(c);
      assertEquals("X-1", single(c, "SELECT sku FROM part WHERE id = " + id));
      assertEquals(3, single(c, "SELECT reorder_level FROM part WHERE id = " + id));
      assertEquals(
          categories + 1,
          ((Number) single(c, "SELECT count(*) FROM category")).longValue(),
          "the part's own new category");
    }
  }

  @Test
  void allocationBeyondStockNamesTheTriggerAndTheSetters() throws SQLException {
    Path db = dir.resolve("trigger.db");
    strata(db, new StrataMigrations()).migrate();
    try (Connection c = open(db)) {
      StockFixture.Key stock = StockFixture.of().quantity(2).insert(c);
      FixtureException e =
          assertThrows(
              FixtureException.class,
              () ->
                  AllocationFixture.of()
                      .partId(stock.partId())
                      .locationCode(stock.locationCode())
                      .quantity(5)
                      .insert(c));
      String message = e.getMessage();
      assertTrue(message.contains("table allocation"), message);
      assertTrue(message.contains("trigger allocation_within_stock"), message);
      assertTrue(message.contains("allocation exceeds free stock"), message);
      assertTrue(message.contains("AllocationFixture.quantity(...)"), message);
    }
  }

  private static Object single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getObject(1);
    }
  }
}
