package dev.strata.sample.inventory.model;

import dev.strata.annotation.View;

/** Per location, how many parts and units it holds; created by a repeatable migration. */
@View(name = "location_stock", sql = InventorySql.LOCATION_STOCK_VIEW)
public class LocationStock {}
