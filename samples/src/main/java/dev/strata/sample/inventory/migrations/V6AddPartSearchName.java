package dev.strata.sample.inventory.migrations;

import dev.strata.annotation.Migration;
import dev.strata.sql.Dialect;

/** A searchable form of the part name; {@link V7BackfillPartSearchName} fills existing rows. */
@Migration(
    version = 6,
    dialects = {Dialect.SQLITE, Dialect.POSTGRESQL},
    description = "Add part search name",
    up =
        """
        ALTER TABLE part ADD COLUMN search_name TEXT;
        CREATE INDEX ix_part_search_name ON part (search_name);
        """,
    down =
        """
        DROP INDEX ix_part_search_name;
        ALTER TABLE part DROP COLUMN search_name;
        """)
public final class V6AddPartSearchName {}
