package dev.strata.sample.inventory;

import static dev.strata.sample.inventory.InventoryMigrationsTest.insertPart;
import static dev.strata.sample.inventory.InventoryMigrationsTest.open;
import static dev.strata.sample.inventory.InventoryMigrationsTest.single;
import static dev.strata.sample.inventory.InventoryMigrationsTest.strata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.FreshStrategy;
import dev.strata.Strata;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The entities are the truth: the migrations must build exactly their schema. */
class InventorySchemaTest {
  @TempDir Path dir;

  @Test
  void migrationsProduceExactlyTheEntitySchema() throws SQLException {
    Path db = dir.resolve("migrated.db");
    strata(db, new StrataMigrations()).migrate();

    SchemaDiff diff = SchemaDiff.compare(new StrataSchema().model(), inspect(db));

    assertTrue(diff.isEmpty(), () -> "migrations drift from the entities:\n" + diff.render());
  }

  @Test
  void schemaCreatedFromEntitiesEqualsTheMigratedOne() throws SQLException {
    Path migrated = dir.resolve("migrated.db");
    Path created = dir.resolve("created.db");
    strata(migrated, new StrataMigrations()).migrate();
    Strata.configure()
        .url(created.toString())
        .registry(new StrataMigrations())
        .schema(new StrataSchema())
        .freshStrategy(FreshStrategy.CREATE_FROM_ENTITIES)
        .load()
        .migrate();

    SchemaDiff diff = SchemaDiff.compare(inspect(migrated), inspect(created));

    assertTrue(diff.isEmpty(), () -> diff.render());
  }

  @Test
  void entityConstraintsAreEnforcedByTheMigratedDatabase() throws SQLException {
    Path db = dir.resolve("inventory.db");
    strata(db, new StrataMigrations()).migrate();
    try (Connection c = open(db);
        Statement s = c.createStatement()) {
      insertPart(c, "NUT-M3", "Nut M3");
      s.execute("INSERT INTO stock (part_id, location_code, quantity) VALUES (1, 'MAIN', 10)");
      s.execute(allocation(8));

      SQLException overAllocated = assertThrows(SQLException.class, () -> s.execute(allocation(3)));
      assertTrue(overAllocated.getMessage().contains("allocation exceeds free stock"));
      assertThrows(SQLException.class, () -> insertPart(c, "nut-m3", "Duplicate, case-folded"));
      assertThrows(
          SQLException.class,
          () -> s.execute("INSERT INTO location (code, name, kind) VALUES ('X', 'X', 'ROOF')"));
      assertEquals("10|8", single(c, "SELECT on_hand || '|' || allocated FROM stock_summary"));

      s.execute("UPDATE stock SET quantity = 12");
      assertTrue(single(c, "SELECT updated_at FROM stock").startsWith("20"));
      s.execute("DELETE FROM part");
      assertEquals("0", single(c, "SELECT count(*) FROM allocation"));
    }
  }

  private static String allocation(int quantity) {
    return "INSERT INTO allocation (part_id, location_code, \"order\", quantity, allocated_at)"
        + " VALUES (1, 'MAIN', 'SO-1', "
        + quantity
        + ", '2026-11-21T10:00:00Z')";
  }

  /** The application's schema: everything but Strata's own history. */
  private static SchemaModel inspect(Path db) throws SQLException {
    try (Connection c = open(db)) {
      return SchemaInspector.inspect(c, Set.of(Strata.HISTORY_TABLE));
    }
  }
}
