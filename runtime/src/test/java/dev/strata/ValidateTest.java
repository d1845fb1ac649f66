package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.ValidationIssue.Kind;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.SchemaDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT)");
  private static final MigrationDescriptor V2 =
      sql(2, "create bin", "CREATE TABLE bin (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V3 =
      sql(3, "create location", "CREATE TABLE location (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V4 =
      sql(4, "create stock", "CREATE TABLE stock (id INTEGER PRIMARY KEY)");

  private StrataBuilder configure(MigrationDescriptor... migrations) {
    return Strata.configure().url(Db.url(dir.resolve("app.db"))).registry(registry(migrations));
  }

  @Test
  void freshAndMigratedDatabasesAreValid() throws IOException {
    Files.createFile(dir.resolve("app.db"));
    Strata strata = configure(V1, V2).load();
    assertTrue(strata.validate().valid());
    strata.migrate();
    ValidateResult result = strata.validate();
    assertTrue(result.valid());
    assertEquals("Valid: no issues.\n", result.render());
  }

  @Test
  void editedAppliedMigrationIsCaughtAndNamed() {
    configure(V1, V2).load().migrate();
    MigrationDescriptor edited =
        sql(2, "create bin", "CREATE TABLE bin (id INTEGER PRIMARY KEY, label TEXT)");
    Strata strata = configure(V1, edited).load();

    ValidateResult result = strata.validate();

    assertEquals(1, result.issues().size());
    ValidationIssue issue = result.issues().get(0);
    assertEquals(Kind.CHECKSUM_MISMATCH, issue.kind());
    assertEquals(OptionalLong.of(2), issue.version());
    assertEquals("version 2", issue.subject());
    assertTrue(
        issue.message().startsWith("Migration 2 (create bin) was changed after it was applied"),
        issue.message());
    assertTrue(
        issue
            .message()
            .endsWith(
                "applied "
                    + V2.checksum().substring(0, 19)
                    + "..., registry "
                    + edited.checksum().substring(0, 19)
                    + "..."),
        issue.message());
    // migrate refuses, with the same explanation, and changes nothing.
    ValidationException refused = assertThrows(ValidationException.class, strata::migrate);
    assertEquals(result, refused.result());
    assertTrue(
        refused
            .getMessage()
            .startsWith("Refusing to migrate:\n1 issue:\n  CHECKSUM_MISMATCH  Migration 2"),
        refused.getMessage());
  }

  @Test
  void appliedMigrationMissingFromRegistryIsReported() {
    // V2 is gone from the middle of the registry; a removed head is a newer database instead.
    configure(V1, V2, V3).load().migrate();
    ValidateResult result = configure(V1, V3).load().validate();

    assertEquals(
        List.of(Kind.MISSING_FROM_REGISTRY),
        result.issues().stream().map(ValidationIssue::kind).toList());
    assertTrue(
        result
            .issues()
            .get(0)
            .message()
            .contains("Migration 2 (create bin) is applied but no longer in the registry"));
  }

  @Test
  void outOfOrderMigrationIsRefusedByDefault() {
    configure(V1, V3).load().migrate();
    Strata strata = configure(V1, V2, V3, V4).load();

    ValidateResult result = strata.validate();
    assertEquals(
        List.of(Kind.OUT_OF_ORDER), result.issues().stream().map(ValidationIssue::kind).toList());
    assertEquals(OptionalLong.of(2), result.issues().get(0).version());

    ValidationException e = assertThrows(ValidationException.class, strata::migrate);
    assertTrue(
        e.getMessage()
            .contains("Migration 2 (create bin) is pending but older than the applied head 3"),
        e.getMessage());
    assertTrue(e.getMessage().contains("outOfOrder"), e.getMessage());
    // Nothing ran, not even the in-order version 4.
    assertEquals(
        List.of("1", "3"),
        Db.column(dir.resolve("app.db"), "SELECT version FROM strata_history ORDER BY version"));
  }

  @Test
  void outOfOrderMigrationIsAppliedWhenAllowed() {
    configure(V1, V3).load().migrate();
    Strata strata = configure(V1, V2, V3, V4).outOfOrder(true).load();

    assertTrue(strata.validate().valid());
    MigrateResult result = strata.migrate();

    assertEquals(List.of(2L, 4L), result.applied().stream().map(MigrationInfo::version).toList());
    assertEquals(
        List.of("1", "3", "2", "4"),
        Db.column(
            dir.resolve("app.db"), "SELECT version FROM strata_history ORDER BY installed_rank"));
    assertTrue(Db.tables(dir.resolve("app.db")).contains("bin"));
  }

  @Test
  void reportsEveryProblemAtOnce() {
    configure(V1, V2, V4).load().migrate();
    MigrationDescriptor edited =
        sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");
    ValidateResult result = configure(edited, V3, V4).load().validate();

    assertEquals(
        List.of(Kind.CHECKSUM_MISMATCH, Kind.MISSING_FROM_REGISTRY, Kind.OUT_OF_ORDER),
        result.issues().stream().map(ValidationIssue::kind).toList());
    assertEquals(
        List.of(1L, 2L, 3L), result.issues().stream().map(i -> i.version().getAsLong()).toList());
    String text = result.render();
    List<String> lines = text.lines().toList();
    assertEquals(5, lines.size(), text);
    assertEquals("3 issues:", lines.get(0));
    assertTrue(
        lines.get(1).startsWith("  CHECKSUM_MISMATCH      Migration 1 (create part) was changed"),
        text);
    assertTrue(
        lines.get(2).startsWith("  MISSING_FROM_REGISTRY  Migration 2 (create bin) is applied"),
        text);
    assertTrue(
        lines
            .get(3)
            .startsWith("  OUT_OF_ORDER           Migration 3 (create location) is pending"),
        text);
    assertEquals("1 migration pending.", lines.get(4));
  }

  /** What the entities say the head schema is; V1 and V2 create exactly this. */
  private static final SchemaDefinition ENTITIES =
      () ->
          List.of(
              "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT)",
              "CREATE TABLE bin (id INTEGER PRIMARY KEY)");

  @Test
  void schemaMatchingTheEntitiesHasNoDrift() {
    Strata strata = configure(V1, V2).schema(ENTITIES).load();
    strata.migrate();
    assertTrue(strata.validate().valid(), strata.validate().render());
  }

  @Test
  void driftBetweenLiveSchemaAndEntitiesIsReportedWithHistoryProblems() {
    configure(V1, V2).load().migrate();
    Db.exec(dir.resolve("app.db"), "ALTER TABLE part ADD COLUMN note TEXT");
    Db.exec(dir.resolve("app.db"), "CREATE TABLE scratch (x)");
    MigrationDescriptor edited =
        sql(2, "create bin", "CREATE TABLE bin (id INTEGER PRIMARY KEY) STRICT");

    ValidateResult result = configure(V1, edited).schema(ENTITIES).load().validate();

    assertEquals(
        List.of(Kind.CHECKSUM_MISMATCH, Kind.SCHEMA_DRIFT, Kind.SCHEMA_DRIFT),
        result.issues().stream().map(ValidationIssue::kind).toList(),
        result.render());
    List<ValidationIssue> drift = result.issues(Kind.SCHEMA_DRIFT);
    assertEquals(
        List.of("table part", "table scratch"),
        drift.stream().map(ValidationIssue::subject).toList());
    assertTrue(drift.stream().allMatch(i -> i.version().isEmpty()));
    assertTrue(
        drift.get(0).message().contains("column note: not expected"), drift.get(0).message());
    assertTrue(
        drift.get(1).message().contains("table scratch: not expected"), drift.get(1).message());
    assertTrue(
        result.render().contains("\n  SCHEMA_DRIFT       table part: column note: not expected"),
        result.render());
  }

  @Test
  void driftIsNotComparedWhileMigrationsArePending() {
    configure(V1).load().migrate();
    ValidateResult result = configure(V1, V2).schema(ENTITIES).load().validate();
    assertTrue(result.valid(), result.render());
    assertEquals(1, result.pending());
    assertTrue(result.driftSkipped());
    assertEquals(
        "Valid: no issues.\n"
            + "1 migration pending; schema drift not checked until they are applied.\n",
        result.render());
  }

  @Test
  void neverMigratedDatabaseSaysDriftWasNotChecked() throws IOException {
    Files.createFile(dir.resolve("app.db"));
    ValidateResult result = configure(V1, V2).schema(ENTITIES).load().validate();
    assertEquals(
        "Valid: no issues.\n"
            + "2 migrations pending; schema drift not checked until they are applied.\n",
        result.render());
    ValidateResult withoutSchema = configure(V1, V2).load().validate();
    assertFalse(withoutSchema.driftSkipped());
    assertEquals("Valid: no issues.\n2 migrations pending.\n", withoutSchema.render());
  }
}
