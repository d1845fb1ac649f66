package dev.strata.sample.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.Strata;
import dev.strata.testing.StrataDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The inventory app's databases from {@code StrataExtension}: migrated, populated, per test. */
@StrataDatabase(populate = 100)
class InventoryExtensionTest {

  @Test
  void populatedDatabaseHasCleanForeignKeys(Connection connection) throws SQLException {
    assertEquals(100, count(connection, "part"));
    assertEquals(100, count(connection, "allocation"));
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA foreign_key_check")) {
      assertFalse(rs.next(), "foreign_key_check");
    }
  }

  /** The method's annotation replaces the class's: migrated to 6, and not populated. */
  @Test
  @StrataDatabase(migrateTo = 6)
  void beforeTheBackfillSearchNamesAreEmpty(Connection connection, Strata strata, Path file)
      throws SQLException {
    assertEquals(6, strata.info().currentVersion());
    InventoryMigrationsTest.insertPart(connection, "NUT-M3", "Écrou M3");
    assertEquals(0, count(connection, "part WHERE search_name IS NOT NULL"));

    assertEquals(0, strata.migrate().appliedCount(), "the injected Strata keeps the target");
    Strata head = Strata.configure().url("jdbc:sqlite:" + file).load();
    assertEquals(2, head.migrate().appliedCount(), "V7 and V8 were pending");
    assertTrue(count(connection, "part WHERE search_name IS NOT NULL") > 0, "backfilled");
  }

  private static long count(Connection c, String from) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
      assertTrue(rs.next());
      return rs.getLong(1);
    }
  }
}
