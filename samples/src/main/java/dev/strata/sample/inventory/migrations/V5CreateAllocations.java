package dev.strata.sample.inventory.migrations;

import dev.strata.annotation.Migration;
import dev.strata.sample.inventory.model.InventorySql;

/** Reservations against stock, guarded by a trigger so they never exceed the free quantity. */
@Migration(
    version = 5,
    description = "Create allocations",
    up =
        """
        CREATE TABLE allocation (
          id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
          part_id INTEGER NOT NULL,
          location_code TEXT NOT NULL,
          "order" TEXT NOT NULL,
          quantity INTEGER NOT NULL CHECK (quantity > 0),
          allocated_at TEXT NOT NULL,
          FOREIGN KEY (part_id, location_code)
            REFERENCES stock (part_id, location_code) ON DELETE CASCADE
        );
        CREATE INDEX ix_allocation_part_id_location_code ON allocation (part_id, location_code);
        CREATE INDEX ix_allocation_order ON allocation ("order");
        """
            + InventorySql.ALLOCATION_GUARD_TRIGGER
            + ";",
    down = "DROP TABLE allocation;")
public final class V5CreateAllocations {}
