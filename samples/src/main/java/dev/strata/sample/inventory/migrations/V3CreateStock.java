package dev.strata.sample.inventory.migrations;

import dev.strata.annotation.Migration;
import dev.strata.sample.inventory.model.InventorySql;
import dev.strata.sql.Dialect;

/** Stock per (part, location), stamped by a trigger whenever its quantity changes. */
@Migration(
    version = 3,
    description = "Create stock levels",
    up =
        """
        CREATE TABLE stock (
          part_id INTEGER NOT NULL,
          location_code TEXT NOT NULL,
          quantity INTEGER NOT NULL CHECK (quantity >= 0),
          updated_at TEXT,
          PRIMARY KEY (part_id, location_code),
          FOREIGN KEY (part_id) REFERENCES part (id) ON DELETE CASCADE,
          FOREIGN KEY (location_code) REFERENCES location (code)
        );
        CREATE INDEX ix_stock_location_code ON stock (location_code);
        """
            + InventorySql.STOCK_TOUCH_TRIGGER
            + ";",
    down = "DROP TABLE stock;")
@Migration.Sql(
    dialect = Dialect.POSTGRESQL,
    up =
        """
        CREATE TABLE stock (
          part_id bigint NOT NULL,
          location_code text NOT NULL,
          quantity integer NOT NULL CHECK (quantity >= 0),
          updated_at timestamptz,
          PRIMARY KEY (part_id, location_code),
          FOREIGN KEY (part_id) REFERENCES part (id) ON DELETE CASCADE,
          FOREIGN KEY (location_code) REFERENCES location (code)
        );
        CREATE INDEX ix_stock_location_code ON stock (location_code);
        """
            + InventorySql.STOCK_TOUCH_TRIGGER_POSTGRESQL
            + ";",
    down = "DROP TABLE stock; DROP FUNCTION stock_touch();")
public final class V3CreateStock {}
