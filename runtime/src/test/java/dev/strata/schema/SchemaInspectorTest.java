package dev.strata.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.schema.SchemaModel.Column;
import dev.strata.schema.SchemaModel.ForeignKey;
import dev.strata.schema.SchemaModel.Index;
import dev.strata.schema.SchemaModel.Table;
import dev.strata.schema.SchemaModel.Unique;
import dev.strata.spi.SchemaDefinition;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaInspectorTest {
  @TempDir static Path dir;
  static SchemaModel model;

  @BeforeAll
  static void inspectRichSchema() throws Exception {
    model = TestDatabases.inspectFile(dir, "rich", TestDatabases.RICH);
  }

  private static Table table(String name) {
    return model.table(name).orElseThrow();
  }

  private static Column column(String table, String name) {
    return table(table).column(name).orElseThrow();
  }

  @Test
  void tablesViewsAndTriggersAreSortedByName() {
    assertEquals(
        List.of("category", "order", "part"), model.tables().stream().map(Table::name).toList());
    assertEquals(List.of("stock"), model.views().stream().map(SchemaModel.View::name).toList());
    assertEquals("part", model.trigger("part_qty_audit").orElseThrow().table());
  }

  @Test
  void columnsKeepDeclarationOrderAndTheirAttributes() {
    assertEquals(
        List.of("sku", "category_id", "qty", "price", "created", "label", "total"),
        table("part").columns().stream().map(Column::name).toList());
    assertEquals(
        new Column("qty", "INTEGER", true, "ABORT", "0", 0, "BINARY", null), column("part", "qty"));
    assertEquals("CURRENT_TIMESTAMP", column("part", "created").defaultValue());
    assertEquals("'it''s'", column("part", "label").defaultValue());
    assertNull(column("part", "price").generated());
    assertFalse(column("part", "price").notNull());
    assertEquals(
        new SchemaModel.Generated("qty * price", true), column("part", "total").generated());
  }

  @Test
  void readsCollationsThatPragmasHide() {
    assertEquals("NOCASE", column("category", "name").collation());
    assertEquals("RTRIM", column("order", "note").collation());
    assertEquals("BINARY", column("order", "sku").collation());
  }

  @Test
  void readsColumnAndTableChecks() {
    assertEquals(List.of("price IS NULL OR price > 0", "qty >= 0"), table("part").checks());
    assertEquals(List.of(), table("category").checks());
  }

  @Test
  void readsPrimaryKeysAutoincrementAndTableOptions() {
    assertEquals(List.of("id"), table("category").primaryKey());
    assertTrue(table("category").autoIncrement());
    assertEquals(List.of("sku"), table("part").primaryKey());
    assertFalse(table("part").autoIncrement());
    assertEquals(List.of("group", "select"), table("order").primaryKey());
    assertTrue(table("order").withoutRowid());
    assertFalse(table("part").withoutRowid());
  }

  @Test
  void uniqueConstraintsAreKeptByColumnsNotByAutoIndexName() {
    assertEquals(List.of(new Unique(List.of("name"), "ABORT")), table("category").uniques());
    assertEquals(
        List.of(new Unique(List.of("category_id", "label"), "ABORT")), table("part").uniques());
    assertTrue(
        table("part").indexes().stream().noneMatch(i -> i.name().startsWith("sqlite_")),
        "autoindexes are not listed as indexes");
  }

  @Test
  void readsIndexesWithOrderCollationPartialWhereAndExpressions() {
    assertEquals(
        List.of(
            new Index("ix_part_category", false, List.of("category_id", "qty DESC"), null),
            new Index("ux_part_label", true, List.of("label COLLATE NOCASE"), "label IS NOT NULL")),
        table("part").indexes());
    assertEquals(
        List.of(new Index("ix_order_lower_note", false, List.of("lower(note)"), null)),
        table("order").indexes());
  }

  @Test
  void readsForeignKeysWithActionsAndResolvesImplicitParentColumns() {
    assertEquals(
        List.of(
            new ForeignKey(
                List.of("parent_id"), "category", List.of("id"), "SET NULL", "NO ACTION", false)),
        table("category").foreignKeys());
    assertEquals(
        List.of(
            new ForeignKey(
                List.of("category_id"), "category", List.of("id"), "CASCADE", "RESTRICT", false)),
        table("part").foreignKeys());
    assertEquals(
        List.of(
            new ForeignKey(
                List.of("sku"), "part", List.of("sku"), "NO ACTION", "NO ACTION", false)),
        table("order").foreignKeys());
  }

  @Test
  void readsOnConflictClausesAndDeferredForeignKeysFromTheSql() {
    SchemaModel read =
        SchemaInspector.inspect(
            List.of(
                "CREATE TABLE p (id INTEGER PRIMARY KEY ON CONFLICT REPLACE, code TEXT UNIQUE ON"
                    + " CONFLICT IGNORE)",
                "CREATE TABLE c (a INTEGER NOT NULL ON CONFLICT FAIL REFERENCES p DEFERRABLE"
                    + " INITIALLY DEFERRED, b TEXT NOT NULL, \"On\" TEXT, CONSTRAINT u UNIQUE (b,"
                    + " \"On\") ON CONFLICT ROLLBACK, UNIQUE (a, b), FOREIGN KEY (B) REFERENCES"
                    + " P(Code) DEFERRABLE INITIALLY DEFERRED, FOREIGN KEY (\"On\") REFERENCES"
                    + " p(code) NOT DEFERRABLE INITIALLY DEFERRED)"));
    Table p = read.table("p").orElseThrow();
    Table c = read.table("c").orElseThrow();
    assertEquals("REPLACE", p.primaryKeyOnConflict());
    assertEquals(List.of(new Unique(List.of("code"), "IGNORE")), p.uniques());
    assertEquals("ABORT", c.primaryKeyOnConflict());
    assertEquals("FAIL", c.column("a").orElseThrow().notNullOnConflict());
    assertEquals("ABORT", c.column("b").orElseThrow().notNullOnConflict());
    assertEquals(
        List.of(new Unique(List.of("a", "b"), "ABORT"), new Unique(List.of("b", "On"), "ROLLBACK")),
        c.uniques());
    assertEquals(
        List.of(
            new ForeignKey(List.of("On"), "p", List.of("code"), "NO ACTION", "NO ACTION", false),
            new ForeignKey(List.of("a"), "p", List.of("id"), "NO ACTION", "NO ACTION", true),
            new ForeignKey(List.of("b"), "p", List.of("Code"), "NO ACTION", "NO ACTION", true)),
        c.foreignKeys());
  }

  @Test
  void viewsAndTriggersKeepTheirNormalisedSql() {
    assertEquals(
        "CREATE VIEW stock AS SELECT p.sku, c.name AS category, p.qty FROM part p"
            + " JOIN category c ON c.id = p.category_id",
        model.view("stock").orElseThrow().sql());
    assertEquals(
        "CREATE TRIGGER part_qty_audit AFTER UPDATE OF qty ON part BEGIN"
            + " SELECT RAISE (ABORT, 'negative') WHERE new.qty < 0; END",
        model.trigger("part_qty_audit").orElseThrow().sql());
  }

  @Test
  void readsStrictTablesAndVirtualGeneratedColumns() {
    Table strict =
        SchemaInspector.inspect(List.of("CREATE TABLE s (a INT NOT NULL, b INT AS (a + 1)) STRICT"))
            .table("s")
            .orElseThrow();
    assertTrue(strict.strict());
    assertFalse(strict.withoutRowid());
    assertEquals(
        new SchemaModel.Generated("a + 1", false), strict.column("b").orElseThrow().generated());
  }

  @Test
  void leavesOutSqliteInternalsAndTheTablesItIsToldToIgnore() throws Exception {
    SchemaModel withHistory =
        TestDatabases.inspectFile(
            dir,
            "history",
            List.of(
                "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)",
                "INSERT INTO t DEFAULT VALUES",
                "CREATE TABLE strata_history (version INTEGER PRIMARY KEY, checksum TEXT UNIQUE)",
                "CREATE INDEX ix_history ON strata_history (checksum)"),
            Set.of("strata_history"));
    assertEquals(List.of("t"), withHistory.tables().stream().map(Table::name).toList());
  }

  @Test
  void aFileAndTheInMemoryReadingOfTheSameDdlAreEqual() {
    assertEquals(model, SchemaInspector.inspect(TestDatabases.RICH));
    SchemaDefinition definition = () -> TestDatabases.RICH;
    assertEquals(model, definition.model());
  }

  @Test
  void anInvalidStatementIsNamedInTheError() {
    SchemaException e =
        assertThrows(
            SchemaException.class,
            () -> SchemaInspector.inspect(List.of("CREATE TABLE t (a INTEGER CHECK (a >)")));
    assertTrue(e.getMessage().contains("CREATE TABLE t (a INTEGER CHECK (a >)"), e.getMessage());
  }
}
