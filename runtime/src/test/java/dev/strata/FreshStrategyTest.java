package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.SchemaDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshStrategyTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V2 =
      sql(2, "add name", "ALTER TABLE part ADD COLUMN name TEXT");
  private static final MigrationDescriptor V3 =
      sql(
          3,
          "create bin",
          "CREATE TABLE bin (id INTEGER PRIMARY KEY, part_id INTEGER REFERENCES part (id))");

  /** The head schema, as the processor would derive it from the entities. */
  private static final SchemaDefinition ENTITIES =
      () ->
          List.of(
              "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT)",
              "CREATE TABLE bin (id INTEGER PRIMARY KEY, part_id INTEGER REFERENCES part (id))",
              "CREATE INDEX bin_part ON bin (part_id)");

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(SchemaDefinition schema, MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .schema(schema)
        .freshStrategy(FreshStrategy.CREATE_FROM_ENTITIES)
        .load();
  }

  @Test
  void emptyDatabaseIsCreatedFromEntitiesAndStampedAtHead() {
    MigrateResult result = strata(ENTITIES, V1, V2, V3).migrate();

    assertTrue(result.createdFromEntities());
    assertEquals(0, result.appliedCount());
    assertEquals(3, result.currentVersion());
    assertEquals(List.of("bin", "part", "strata_history"), Db.tables(db()));
    assertEquals(
        List.of("bin_part"),
        Db.column(db(), "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"));
    assertEquals(
        List.of("1", "2", "3"),
        Db.column(
            db(), "SELECT version FROM strata_history WHERE success = 1 ORDER BY installed_rank"));
    assertTrue(strata(ENTITIES, V1, V2, V3).validate().valid());
  }

  @Test
  void databaseWithHistoryIsMigratedNormally() {
    Strata.configure().url(Db.url(db())).registry(registry(V1)).load().migrate();

    MigrateResult result = strata(ENTITIES, V1, V2, V3).migrate();

    assertFalse(result.createdFromEntities());
    assertEquals(List.of(2L, 3L), result.applied().stream().map(MigrationInfo::version).toList());
    assertTrue(
        Db.column(db(), "SELECT name FROM sqlite_master WHERE type = 'index'").stream()
            .noneMatch("bin_part"::equals));
  }

  @Test
  void databaseWithUserTablesButNoHistoryIsMigratedNormally() {
    Db.exec(db(), "CREATE TABLE legacy (id INTEGER)");

    MigrateResult result = strata(ENTITIES, V1, V2, V3).migrate();

    assertFalse(result.createdFromEntities());
    assertEquals(3, result.appliedCount());
  }

  @Test
  void failingSchemaLeavesTheDatabaseEmpty() {
    SchemaDefinition broken =
        () -> List.of("CREATE TABLE part (id INTEGER PRIMARY KEY)", "CREATE TABLE part (x)");

    StrataException e = assertThrows(StrataException.class, () -> strata(broken, V1).migrate());

    assertTrue(
        e.getMessage().contains("failed at statement: CREATE TABLE part (x)"), e.getMessage());
    assertEquals(List.of("strata_history"), Db.tables(db()));
    assertEquals(0, Db.count(db(), "strata_history"));
  }

  @Test
  void concurrentCallersCreateTheSchemaOnce() throws Exception {
    int threads = 8;
    CyclicBarrier barrier = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<MigrateResult>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  Strata strata = strata(ENTITIES, V1, V2, V3);
                  barrier.await();
                  return strata.migrate();
                }));
      }
      int created = 0;
      for (Future<MigrateResult> result : results) {
        MigrateResult r = result.get(1, TimeUnit.MINUTES);
        created += r.createdFromEntities() ? 1 : 0;
        assertEquals(0, r.appliedCount());
        assertEquals(3, r.currentVersion());
      }
      assertEquals(1, created);
      assertEquals(3, Db.count(db(), "strata_history"));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void requiresASchemaDefinition() {
    StrataException e =
        assertThrows(
            StrataException.class,
            () ->
                Strata.configure()
                    .url(Db.url(db()))
                    .registry(registry(V1))
                    .freshStrategy(FreshStrategy.CREATE_FROM_ENTITIES)
                    .load());
    assertTrue(e.getMessage().contains("needs a SchemaDefinition"), e.getMessage());
  }
}
