package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.SchemaDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code target(version)}: migrate stops there, and what lies beyond stays pending. */
class TargetTest {
  private static final List<MigrationDescriptor> CHAIN =
      List.of(
          sql(1, "create a", "CREATE TABLE a (id INTEGER PRIMARY KEY)"),
          sql(2, "create b", "CREATE TABLE b (id INTEGER PRIMARY KEY)"),
          sql(3, "create c", "CREATE TABLE c (id INTEGER PRIMARY KEY)"),
          sql(4, "create d", "CREATE TABLE d (id INTEGER PRIMARY KEY)"));

  @TempDir Path dir;

  private StrataBuilder configure() {
    return Strata.configure().url(Db.url(dir.resolve("app.db"))).registry(registry(CHAIN));
  }

  private List<String> states(Strata strata) {
    return strata.info().migrations().stream().map(m -> m.version() + ":" + m.state()).toList();
  }

  @Test
  void migrateAppliesNothingPastTheTargetAndInfoShowsTheRestPending() {
    Strata strata = configure().target(2).load();

    MigrateResult result = strata.migrate();

    assertEquals(2, result.currentVersion());
    assertEquals(List.of("1:APPLIED", "2:APPLIED", "3:PENDING", "4:PENDING"), states(strata));
    assertEquals(0, strata.migrate().appliedCount());
  }

  @Test
  void aLaterMigrateWithoutTargetGoesOnToTheHead() {
    configure().target(3).load().migrate();

    MigrateResult result = configure().load().migrate();

    assertEquals(3, result.initialVersion());
    assertEquals(4, result.currentVersion());
  }

  @Test
  void aTargetBetweenVersionsStopsBeforeTheNextOne() {
    assertEquals(0, configure().target(0).load().migrate().currentVersion());
    assertEquals(2, configure().target(2).load().migrate().currentVersion());
  }

  @Test
  void theTargetComesFromThePropertiesFileToo() throws Exception {
    Path properties = dir.resolve("strata.properties");
    Files.writeString(properties, "strata.target=1\n");

    assertEquals(1, configure().fromProperties(properties).load().migrate().currentVersion());
  }

  @Test
  void aNegativeTargetIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> configure().target(-1));
  }

  @Test
  void createFromEntitiesDoesNotJumpPastATargetBelowTheHead() {
    SchemaDefinition entities =
        () ->
            List.of(
                "CREATE TABLE a (id INTEGER PRIMARY KEY)",
                "CREATE TABLE b (id INTEGER PRIMARY KEY)",
                "CREATE TABLE c (id INTEGER PRIMARY KEY)",
                "CREATE TABLE d (id INTEGER PRIMARY KEY)");
    Strata strata =
        configure()
            .schema(entities)
            .freshStrategy(FreshStrategy.CREATE_FROM_ENTITIES)
            .target(2)
            .load();

    MigrateResult result = strata.migrate();

    assertEquals(2, result.currentVersion());
    assertEquals(List.of("1:APPLIED", "2:APPLIED", "3:PENDING", "4:PENDING"), states(strata));
  }
}
