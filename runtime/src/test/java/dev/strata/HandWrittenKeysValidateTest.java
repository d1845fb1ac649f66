package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.ValidationIssue.Kind;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.SchemaDefinition;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration written by hand, the way SQLite users write keys, against the DDL that the processor
 * generates for the same entities: validate() finds no drift, yet still finds a key that SQLite
 * treats otherwise.
 */
class HandWrittenKeysValidateTest {
  @TempDir Path dir;

  /** What the processor generates for {@code @Id(autoIncrement = true) long id} and the rest. */
  private static final SchemaDefinition ENTITIES =
      () ->
          List.of(
              "CREATE TABLE category (\n"
                  + "  id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,\n"
                  + "  name TEXT NOT NULL\n"
                  + ")",
              "CREATE TABLE ticket (\n"
                  + "  id INTEGER NOT NULL PRIMARY KEY,\n"
                  + "  category_id INTEGER NOT NULL,\n"
                  + "  open INTEGER NOT NULL DEFAULT 1 CHECK (open IN (0, 1)),\n"
                  + "  title TEXT NOT NULL,\n"
                  + "  FOREIGN KEY (category_id) REFERENCES category (id) ON DELETE CASCADE\n"
                  + ")");

  private static MigrationDescriptor createTables(String ticketKey) {
    return sql(
        1,
        "create tables",
        "CREATE TABLE category (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);\n"
            + "CREATE TABLE ticket (\n"
            + "  "
            + ticketKey
            + ",\n"
            + "  category_id INTEGER NOT NULL REFERENCES category ON DELETE CASCADE,\n"
            + "  open INTEGER NOT NULL DEFAULT TRUE CHECK (open IN (0, 1)),\n"
            + "  title TEXT NOT NULL\n"
            + ");");
  }

  private Strata strata(MigrationDescriptor migration) {
    return Strata.configure()
        .url(Db.url(dir.resolve("app.db")))
        .registry(registry(migration))
        .schema(ENTITIES)
        .load();
  }

  @Test
  void integerPrimaryKeyWithoutNotNullIsNoDrift() {
    Strata strata = strata(createTables("id INTEGER PRIMARY KEY"));
    strata.migrate();

    ValidateResult result = strata.validate();

    assertTrue(result.valid(), result.render());
    assertEquals("Valid: no issues.\n", result.render());
  }

  @Test
  void intPrimaryKeyIsStillDrift() {
    Strata strata = strata(createTables("id INT PRIMARY KEY"));
    strata.migrate();

    ValidateResult result = strata.validate();

    assertEquals(
        List.of(
            "table ticket: column id: nullability NOT NULL expected, NULL found",
            "table ticket: primary key: rowid alias yes expected, no found"),
        result.issues().stream().map(ValidationIssue::message).toList(),
        result.render());
    assertTrue(result.issues().stream().allMatch(i -> i.kind() == Kind.SCHEMA_DRIFT));
  }
}
