package dev.strata.sample.inventory.model;

/**
 * SQL shared by the entities and the migrations that create the same objects, so the two can never
 * drift apart.
 */
public final class InventorySql {
  public static final String STOCK_SUMMARY_VIEW =
      "SELECT p.id AS part_id, p.sku AS sku,"
          + " COALESCE(SUM(s.quantity), 0) AS on_hand,"
          + " COALESCE((SELECT SUM(a.quantity) FROM allocation a WHERE a.part_id = p.id), 0)"
          + " AS allocated"
          + " FROM part p LEFT JOIN stock s ON s.part_id = p.id"
          + " GROUP BY p.id, p.sku";

  public static final String STOCK_TOUCH_TRIGGER =
      "CREATE TRIGGER stock_touch AFTER UPDATE OF quantity ON stock"
          + " BEGIN"
          + " UPDATE stock SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
          + " WHERE part_id = NEW.part_id AND location_code = NEW.location_code;"
          + " END";

  public static final String ALLOCATION_GUARD_TRIGGER =
      "CREATE TRIGGER allocation_within_stock BEFORE INSERT ON allocation"
          + " WHEN NEW.quantity > (SELECT quantity FROM stock"
          + " WHERE part_id = NEW.part_id AND location_code = NEW.location_code)"
          + " - (SELECT COALESCE(SUM(quantity), 0) FROM allocation"
          + " WHERE part_id = NEW.part_id AND location_code = NEW.location_code)"
          + " BEGIN SELECT RAISE(ABORT, 'allocation exceeds free stock'); END";

  private InventorySql() {}
}
