package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaInspector;
import dev.strata.schema.SchemaModel;
import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rollbackTo}: down in reverse order, refusals, dry runs and a race with migrate. */
class RollbackTest {
  @TempDir Path dir;

  private static MigrationDescriptor step(
      long version, String description, boolean reversible, JavaMigration migration) {
    return new MigrationDescriptor(
        version,
        description,
        migration instanceof SqlMigration ? MigrationType.SQL : MigrationType.JAVA,
        TestMigrations.checksum(description),
        reversible,
        true,
        true,
        false,
        "test.V" + version,
        () -> migration);
  }

  private static MigrationDescriptor sql(long version, String description, String up, String down) {
    return step(version, description, true, new SqlMigration(List.of(up), List.of(down)));
  }

  /** Four reversible steps: a table, an index and seed row, a column, and a Java-form table. */
  private static final List<MigrationDescriptor> CHAIN =
      List.of(
          sql(1, "create a", "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT)", "DROP TABLE a"),
          step(
              2,
              "index and seed a",
              true,
              new SqlMigration(
                  List.of("CREATE INDEX a_name ON a (name)", "INSERT INTO a VALUES (1, 'x')"),
                  List.of("DELETE FROM a WHERE id = 1", "DROP INDEX a_name"))),
          sql(
              3,
              "add a.note",
              "ALTER TABLE a ADD COLUMN note TEXT",
              "ALTER TABLE a DROP COLUMN note"),
          step(
              4,
              "create b",
              true,
              new JavaMigration() {
                @Override
                public void up(MigrationContext ctx) throws Exception {
                  ctx.execute(
                      "CREATE TABLE b (id INTEGER PRIMARY KEY,"
                          + " a_id INTEGER NOT NULL REFERENCES a (id))");
                }

                @Override
                public void down(MigrationContext ctx) throws Exception {
                  ctx.execute("DROP TABLE b");
                }
              }));

  private Strata strata(Path file, List<MigrationDescriptor> chain) {
    return Strata.configure()
        .url(Db.url(file))
        .registry(TestMigrations.registry(chain))
        .lockTimeout(Duration.ofSeconds(30))
        .load();
  }

  private static SchemaModel schema(Path file) throws SQLException {
    try (Connection c = DriverManager.getConnection(Db.url(file))) {
      return SchemaInspector.inspect(c, Set.of(Strata.HISTORY_TABLE));
    }
  }

  private Path migratedTo(String name, long version) {
    Path file = dir.resolve(name);
    Strata.configure()
        .url(Db.url(file))
        .registry(TestMigrations.registry(CHAIN))
        .target(version)
        .load()
        .migrate();
    return file;
  }

  private static List<String> history(Path file) {
    return Db.column(file, "SELECT version FROM strata_history ORDER BY version");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @Test
  void rollbackToEachEarlierVersionLeavesTheSchemaOfThatVersion() throws Exception {
    for (long target = 0; target < 4; target++) {
      Path file = dir.resolve("rolled-" + target + ".db");
      strata(file, CHAIN).migrate();

      RollbackResult result = strata(file, CHAIN).rollbackTo(target);

      assertEquals(4, result.initialVersion());
      assertEquals(target, result.currentVersion());
      assertFalse(result.dryRun());
      assertEquals(
          LongStream.iterate(4, v -> v > 0, v -> v - 1)
              .filter(v -> v > 0)
              .boxed()
              .toList()
              .subList(0, (int) (4 - target)),
          result.steps().stream().map(RollbackResult.Step::version).toList());
      Path backup =
          dir.resolve("rolled-" + target + ".db.strata-backups/rolled-" + target + ".db-v4-1.zip");
      assertEquals(Optional.of(backup), result.backup());
      assertTrue(Files.isRegularFile(backup), backup.toString());
      assertEquals(Optional.empty(), result.backupNote());
      List<String> expectedHistory =
          LongStream.rangeClosed(1, target).mapToObj(Long::toString).toList();
      assertEquals(expectedHistory, history(file));

      Path reference = migratedTo("reference-" + target + ".db", target);
      SchemaDiff diff = SchemaDiff.compare(schema(reference), schema(file));
      assertTrue(diff.items().isEmpty(), "to " + target + ": " + diff.items());
      // Rolled back and migrated again, it is at the head once more.
      assertEquals(4, strata(file, CHAIN).migrate().currentVersion());
    }
  }

  @Test
  void noBackupSaysSo() {
    Path file = dir.resolve("app.db");
    strata(file, CHAIN).migrate();

    RollbackResult result = strata(file, CHAIN).rollbackTo(3, RollbackOption.NO_BACKUP);

    assertEquals(Optional.of(RollbackResult.BACKUP_SKIPPED), result.backupNote());
    assertEquals(3, result.currentVersion());
  }

  @Test
  void refusesBeforeTouchingAnythingAndNamesEveryIrreversibleStep() throws Exception {
    List<MigrationDescriptor> chain = new ArrayList<>(CHAIN.subList(0, 2));
    chain.add(
        step(3, "one way", false, ctx -> ctx.execute("CREATE TABLE c (id INTEGER PRIMARY KEY)")));
    chain.add(
        step(
            4,
            "no down sql",
            true,
            new SqlMigration(List.of("CREATE TABLE d (id INTEGER PRIMARY KEY)"), List.of())));
    Path file = dir.resolve("app.db");
    strata(file, chain).migrate();
    String before = sha256(file);

    IrreversibleMigrationException e =
        assertThrows(IrreversibleMigrationException.class, () -> strata(file, chain).rollbackTo(1));

    assertTrue(e.getMessage().contains("migration 3 (one way) is irreversible"), e.getMessage());
    assertTrue(e.getMessage().contains("migration 4 (no down sql) is irreversible"));
    assertFalse(e.getMessage().contains("migration 2"));
    assertEquals(before, sha256(file));
    assertEquals(List.of("1", "2", "3", "4"), history(file));
  }

  @Test
  void aDryRunReturnsThePlanAndChangesNothing() throws Exception {
    Path file = dir.resolve("app.db");
    strata(file, CHAIN).migrate();
    String before = sha256(file);

    RollbackResult plan = strata(file, CHAIN).rollbackTo(1, RollbackOption.DRY_RUN);

    assertTrue(plan.dryRun());
    assertEquals(4, plan.currentVersion());
    assertEquals(
        List.of(
            new RollbackResult.Step(4, "create b", Optional.empty()),
            new RollbackResult.Step(
                3, "add a.note", Optional.of(List.of("ALTER TABLE a DROP COLUMN note"))),
            new RollbackResult.Step(
                2,
                "index and seed a",
                Optional.of(List.of("DELETE FROM a WHERE id = 1", "DROP INDEX a_name")))),
        plan.steps());
    assertEquals(before, sha256(file));
    assertEquals(List.of("1", "2", "3", "4"), history(file));
    assertFalse(Files.exists(dir.resolve("app.db-wal")));
  }

  @Test
  void migrateAndRollbackRacingEndConsistentWithoutBusyErrors() throws Exception {
    Path file = dir.resolve("race.db");
    strata(file, CHAIN).migrate();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      Future<?> migrating =
          pool.submit(
              () -> {
                await(start);
                for (int i = 0; i < 30; i++) {
                  try {
                    strata(file, CHAIN).migrate();
                  } catch (Throwable t) {
                    failures.add(t);
                  }
                }
              });
      Future<?> rolling =
          pool.submit(
              () -> {
                await(start);
                for (int i = 0; i < 30; i++) {
                  try {
                    strata(file, CHAIN).rollbackTo(i % 4);
                  } catch (Throwable t) {
                    failures.add(t);
                  }
                }
              });
      start.countDown();
      migrating.get(120, TimeUnit.SECONDS);
      rolling.get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), failures.stream().map(String::valueOf).toList());
    List<String> history = history(file);
    long version = history.size();
    assertEquals(LongStream.rangeClosed(1, version).mapToObj(Long::toString).toList(), history);
    SchemaDiff diff = SchemaDiff.compare(schema(migratedTo("reference.db", version)), schema(file));
    assertTrue(diff.items().isEmpty(), diff.items().toString());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
