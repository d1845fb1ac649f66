package dev.strata.sample.inventory.migrations;

import dev.strata.annotation.RepeatableMigration;
import dev.strata.sample.inventory.model.InventorySql;

/**
 * The {@code location_stock} view, re-created after the versioned migrations whenever its SQL
 * changes: no new version per edit, and the drop makes it safe to run again.
 */
@RepeatableMigration(
    description = "Location stock view",
    up =
        "DROP VIEW IF EXISTS location_stock;"
            + " CREATE VIEW location_stock AS "
            + InventorySql.LOCATION_STOCK_VIEW
            + ";")
public final class RLocationStockView {}
