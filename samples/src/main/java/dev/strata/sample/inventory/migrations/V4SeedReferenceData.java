package dev.strata.sample.inventory.migrations;

import dev.strata.JavaMigration;
import dev.strata.MigrationContext;
import dev.strata.annotation.Migration;

/** The rows every installation starts with: a catch-all category and the main warehouse. */
@Migration(version = 4, description = "Seed reference data")
public final class V4SeedReferenceData implements JavaMigration {
  static final String DEFAULT_CATEGORY = "Uncategorized";
  static final String MAIN_WAREHOUSE = "MAIN";

  @Override
  public void up(MigrationContext ctx) throws Exception {
    ctx.update("INSERT INTO category (name) VALUES (?)", DEFAULT_CATEGORY);
    ctx.update(
        "INSERT INTO location (code, name, kind) VALUES (?, ?, 'WAREHOUSE')",
        MAIN_WAREHOUSE,
        "Main warehouse");
  }

  @Override
  public void down(MigrationContext ctx) throws Exception {
    ctx.update("DELETE FROM location WHERE code = ?", MAIN_WAREHOUSE);
    ctx.update("DELETE FROM category WHERE name = ?", DEFAULT_CATEGORY);
  }
}
