package dev.strata.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/** Real SQLite files for the schema tests, and a rich schema that uses every feature. */
final class TestDatabases {
  private TestDatabases() {}

  /**
   * Categories, parts, reserved-word tables, a view and a trigger: everything the model records.
   */
  static final List<String> RICH =
      List.of(
          """
          CREATE TABLE category (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT NOT NULL COLLATE NOCASE UNIQUE,
            parent_id INTEGER REFERENCES category ON DELETE SET NULL
          )\
          """,
          """
          CREATE TABLE part (
            sku TEXT NOT NULL PRIMARY KEY,
            category_id INTEGER NOT NULL REFERENCES category(id) \
            ON DELETE CASCADE ON UPDATE RESTRICT,
            qty INTEGER NOT NULL DEFAULT 0 CHECK (qty >= 0),
            price REAL DEFAULT (0.0),
            created TEXT DEFAULT CURRENT_TIMESTAMP,
            label TEXT DEFAULT 'it''s',
            total REAL GENERATED ALWAYS AS (qty * price) STORED,
            CONSTRAINT price_positive CHECK (price IS NULL OR price > 0),
            UNIQUE (category_id, label)
          )\
          """,
          """
          CREATE TABLE "order" (
            "group" TEXT NOT NULL,
            "select" INTEGER NOT NULL,
            sku TEXT NOT NULL,
            note TEXT COLLATE RTRIM,
            PRIMARY KEY ("group", "select"),
            FOREIGN KEY (sku) REFERENCES part (sku)
          ) WITHOUT ROWID\
          """,
          "CREATE INDEX ix_part_category ON part (category_id, qty DESC)",
          "CREATE UNIQUE INDEX ux_part_label ON part (label COLLATE NOCASE) WHERE label IS NOT"
              + " NULL",
          "CREATE INDEX ix_order_lower_note ON \"order\" (lower(note))",
          """
          CREATE VIEW stock AS
            SELECT p.sku, c.name AS category, p.qty \
            FROM part p JOIN category c ON c.id = p.category_id\
          """,
          """
          CREATE TRIGGER part_qty_audit AFTER UPDATE OF qty ON part
          BEGIN
            SELECT RAISE(ABORT, 'negative') WHERE NEW.qty < 0;
          END\
          """);

  /** Creates a SQLite file in {@code dir} by running {@code ddl}, and returns its URL. */
  static String create(Path dir, String name, List<String> ddl) throws SQLException {
    String url = "jdbc:sqlite:" + dir.resolve(name + ".db");
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String sql : ddl) {
        statement.execute(sql);
      }
    }
    return url;
  }

  /** The model of a fresh SQLite file built from {@code ddl}. */
  static SchemaModel inspectFile(Path dir, String name, List<String> ddl) throws SQLException {
    return inspectFile(dir, name, ddl, Set.of());
  }

  /** The same, leaving out {@code ignoredTables}. */
  static SchemaModel inspectFile(Path dir, String name, List<String> ddl, Set<String> ignoredTables)
      throws SQLException {
    try (Connection connection = DriverManager.getConnection(create(dir, name, ddl))) {
      return SchemaInspector.inspect(connection, ignoredTables);
    }
  }
}
