package dev.strata.sample.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.MigrateResult;
import dev.strata.Strata;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample's generated registry, run on real SQLite files. */
class InventoryMigrationsTest {
  @TempDir Path dir;

  @Test
  void registryHoldsEveryMigrationInVersionOrder() {
    List<MigrationDescriptor> migrations = new StrataMigrations().migrations();
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), versions(migrations));
    assertTrue(migrations.stream().allMatch(m -> m.checksum().matches("sha256:[0-9a-f]{64}")));
    assertTrue(migrations.stream().allMatch(MigrationDescriptor::reversible));
  }

  @Test
  void migratesAnEmptyFileToHeadAndASecondRunAppliesNothing() throws SQLException {
    Path db = dir.resolve("inventory.db");
    MigrateResult first = strata(db, new StrataMigrations()).migrate();
    MigrateResult second = strata(db, new StrataMigrations()).migrate();

    assertEquals(8, first.appliedCount());
    assertEquals(8, first.currentVersion());
    assertEquals(0, second.appliedCount());
    assertEquals(8, second.currentVersion());
    try (Connection c = open(db)) {
      assertEquals("Uncategorized", single(c, "SELECT name FROM category"));
      assertEquals("WAREHOUSE", single(c, "SELECT kind FROM location WHERE code = 'MAIN'"));
    }
  }

  @Test
  void backfillGivesExistingPartsAnAccentFreeSearchName() throws SQLException {
    Path db = dir.resolve("inventory.db");
    strata(db, upTo(6)).migrate();
    try (Connection c = open(db)) {
      insertPart(c, "NUT-M3", "Écrou  M3");
      insertPart(c, "BOLT-M3", "Bolt M3 × 20");
      assertEquals("0", single(c, "SELECT count(*) FROM part WHERE search_name IS NOT NULL"));
    }

    MigrateResult rest = strata(db, new StrataMigrations()).migrate();

    assertEquals(List.of(7L, 8L), rest.applied().stream().map(m -> m.version()).toList());
    try (Connection c = open(db)) {
      Map<String, String> searchNames = new LinkedHashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT sku, search_name FROM part ORDER BY sku")) {
        while (rows.next()) {
          searchNames.put(rows.getString(1), rows.getString(2));
        }
      }
      assertEquals(Map.of("BOLT-M3", "bolt m3 × 20", "NUT-M3", "ecrou m3"), searchNames);
    }
  }

  static Strata strata(Path db, MigrationRegistry registry) {
    return Strata.configure().url(db.toString()).registry(registry).load();
  }

  static MigrationRegistry upTo(long version) {
    List<MigrationDescriptor> prefix =
        new StrataMigrations().migrations().stream().filter(m -> m.version() <= version).toList();
    return () -> prefix;
  }

  static Connection open(Path db) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA foreign_keys = ON");
    }
    return c;
  }

  static String single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      assertTrue(rows.next(), "no row for " + sql);
      return rows.getString(1);
    }
  }

  static void insertPart(Connection c, String sku, String name) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO part (sku, name, category_id, created_at)"
                + " VALUES (?, ?, (SELECT id FROM category WHERE name = 'Uncategorized'),"
                + " '2026-11-21T10:00:00Z')")) {
      insert.setString(1, sku);
      insert.setString(2, name);
      insert.executeUpdate();
    }
  }

  private static List<Long> versions(List<MigrationDescriptor> migrations) {
    return migrations.stream().map(MigrationDescriptor::version).toList();
  }
}
