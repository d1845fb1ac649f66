package dev.strata.sample.inventory.migrations;

import dev.strata.annotation.Migration;
import dev.strata.sample.inventory.model.InventorySql;
import dev.strata.sql.Dialect;

/** Per-part totals for the stock screen. */
@Migration(
    version = 8,
    dialects = {Dialect.SQLITE, Dialect.POSTGRESQL},
    description = "Create stock summary view",
    up = "CREATE VIEW stock_summary AS " + InventorySql.STOCK_SUMMARY_VIEW + ";",
    down = "DROP VIEW stock_summary;")
public final class V8CreateStockSummaryView {}
