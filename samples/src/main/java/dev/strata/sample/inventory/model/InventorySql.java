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

  /** PostgreSQL's form of {@link #STOCK_TOUCH_TRIGGER}: a trigger runs a function there. */
  public static final String STOCK_TOUCH_TRIGGER_POSTGRESQL =
      "CREATE OR REPLACE FUNCTION stock_touch() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN NEW.updated_at := now(); RETURN NEW; END $$;"
          + " CREATE TRIGGER stock_touch BEFORE UPDATE OF quantity ON stock"
          + " FOR EACH ROW EXECUTE FUNCTION stock_touch()";

  /** PostgreSQL's form of {@link #ALLOCATION_GUARD_TRIGGER}. */
  public static final String ALLOCATION_GUARD_TRIGGER_POSTGRESQL =
      "CREATE OR REPLACE FUNCTION allocation_within_stock() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN"
          + " IF NEW.quantity > (SELECT quantity FROM stock"
          + " WHERE part_id = NEW.part_id AND location_code = NEW.location_code)"
          + " - (SELECT COALESCE(SUM(quantity), 0) FROM allocation"
          + " WHERE part_id = NEW.part_id AND location_code = NEW.location_code) THEN"
          + " RAISE EXCEPTION 'allocation exceeds free stock';"
          + " END IF;"
          + " RETURN NEW;"
          + " END $$;"
          + " CREATE TRIGGER allocation_within_stock BEFORE INSERT ON allocation"
          + " FOR EACH ROW EXECUTE FUNCTION allocation_within_stock()";

  /** The case-insensitive collation that stands for SQLite's NOCASE on PostgreSQL. */
  public static final String NOCASE_COLLATION_POSTGRESQL =
      "CREATE COLLATION IF NOT EXISTS strata_nocase"
          + " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)";

  private InventorySql() {}
}
