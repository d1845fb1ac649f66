package dev.strata.sample.inventory.migrations;

import dev.strata.annotation.Migration;

/** The parts themselves; money is exact decimal text, instants are ISO-8601 text. */
@Migration(
    version = 2,
    description = "Create parts",
    up =
        """
        CREATE TABLE part (
          id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
          sku TEXT NOT NULL UNIQUE COLLATE NOCASE,
          name TEXT NOT NULL,
          category_id INTEGER NOT NULL,
          unit_price TEXT,
          reorder_level INTEGER NOT NULL DEFAULT 0 CHECK (reorder_level >= 0),
          discontinued INTEGER NOT NULL DEFAULT 0 CHECK (discontinued IN (0, 1)),
          created_at TEXT NOT NULL,
          FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE RESTRICT
        );
        -- Deleting a category must not scan every part.
        CREATE INDEX ix_part_category_id ON part (category_id);
        """,
    down = "DROP TABLE part;")
public final class V2CreateParts {}
