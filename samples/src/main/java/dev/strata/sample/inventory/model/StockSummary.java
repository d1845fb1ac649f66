package dev.strata.sample.inventory.model;

import dev.strata.annotation.View;

/** On-hand, allocated and free quantity per part, across all locations. */
@View(name = "stock_summary", sql = InventorySql.STOCK_SUMMARY_VIEW)
public class StockSummary {}
