package dev.strata.sample.inventory.migrations;

import dev.strata.annotation.Migration;

/** Categories (a tree) and the locations that hold stock. */
@Migration(
    version = 1,
    description = "Create categories and locations",
    up =
        """
        CREATE TABLE category (
          id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
          name TEXT NOT NULL UNIQUE COLLATE NOCASE,
          parent_id INTEGER,
          FOREIGN KEY (parent_id) REFERENCES category (id) ON DELETE SET NULL
        );
        CREATE INDEX ix_category_parent_id ON category (parent_id);
        CREATE TABLE location (
          code TEXT NOT NULL PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 16),
          name TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('WAREHOUSE', 'SHELF', 'BIN'))
        );
        """,
    down =
        """
        DROP TABLE location;
        DROP TABLE category;
        """)
public final class V1CreateCatalog {}
