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
    chain.add(TestMigrations.java(5, "vacuum", false, ctx -> ctx.execute("VACUUM")));
    Path file = dir.resolve("app.db");
    strata(file, chain).migrate();
    String before = sha256(file);

    IrreversibleMigrationException e =
        assertThrows(IrreversibleMigrationException.class, () -> strata(file, chain).rollbackTo(1));

    assertTrue(e.getMessage().contains("3 step(s) in range cannot be rolled back"), e.getMessage());
    assertTrue(e.getMessage().contains("migration 3 (one way) is irreversible"), e.getMessage());
    assertTrue(e.getMessage().contains("migration 4 (no down sql) is irreversible"));
    assertTrue(
        e.getMessage()
            .contains(
                "migration 5 (vacuum) is non-transactional (transactional = false) and has no"));
    assertFalse(e.getMessage().contains("migration 2"));
    assertEquals(before, sha256(file));
    assertEquals(List.of("1", "2", "3", "4", "5"), history(file));
  }

  @Test
  void aDryRunReturnsThePlanAndChangesNothing() throws Exception {
    Path file = dir.resolve("app.db");
    strata(file, CHAIN).migrate();
    String before = sha256(file);

    RollbackResult plan = strata(file, CHAIN).rollbackTo(1, RollbackOption.DRY_RUN);
    assertEquals(Optional.of(RollbackResult.BACKUP_DRY_RUN), plan.backupNote());
    assertEquals(Optional.empty(), plan.backup());

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

  /** A step with {@code transactional = false}. */
  private static MigrationDescriptor outside(
      long version, String description, JavaMigration migration) {
    MigrationDescriptor m = step(version, description, true, migration);
    return new MigrationDescriptor(
        m.version(),
        m.description(),
        m.type(),
        m.checksum(),
        true,
        false,
        true,
        false,
        m.source(),
        m.factory());
  }

  private static List<String> row(Path file, long version) {
    return Db.column(
        file,
        "SELECT success || ' ' || coalesce(state, '-') || ' ' || coalesce(failure, '-')"
            + " FROM strata_history WHERE version = "
            + version);
  }

  @Test
  void aNonTransactionalDownRunsUnderAClaimThatAConcurrentMigrateWaitsFor() throws Exception {
    CountDownLatch inDown = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<MigrationDescriptor> chain =
        List.of(
            CHAIN.get(0),
            outside(
                2,
                "rebuild outside",
                new JavaMigration() {
                  @Override
                  public void up(MigrationContext ctx) throws Exception {
                    ctx.execute("CREATE TABLE b (id INTEGER PRIMARY KEY)");
                  }

                  @Override
                  public void down(MigrationContext ctx) throws Exception {
                    ctx.execute("DROP TABLE b");
                    inDown.countDown();
                    release.await(30, TimeUnit.SECONDS);
                  }
                }));
    Path file = dir.resolve("app.db");
    strata(file, chain).migrate();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<RollbackResult> rollback = pool.submit(() -> strata(file, chain).rollbackTo(1));
      assertTrue(inDown.await(30, TimeUnit.SECONDS));
      // Mid-down the step is neither applied nor gone: an unfinished claim that says what runs.
      assertEquals(
          List.of(
              "0 RUNNING Rollback of migration 2 (rebuild outside): its down runs outside a"
                  + " transaction (transactional = false)"),
          row(file, 2));
      assertEquals(MigrationState.RUNNING, strata(file, chain).info().migrations().get(1).state());
      Future<MigrateResult> migrate = pool.submit(() -> strata(file, chain).migrate());
      Thread.sleep(500);
      assertFalse(migrate.isDone(), "migrate waits for the down instead of building on it");
      release.countDown();

      RollbackResult result = rollback.get(30, TimeUnit.SECONDS);
      MigrateResult again = migrate.get(30, TimeUnit.SECONDS);

      assertEquals(1, result.currentVersion());
      assertEquals(List.of(2L), result.steps().stream().map(RollbackResult.Step::version).toList());
      // The migrate that waited applied the step again, after the down had finished.
      assertEquals(1, again.appliedCount());
      assertEquals(List.of("1 APPLIED -"), row(file, 2));
      assertEquals(List.of("a", "b", "strata_history"), Db.tables(file));
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void aFailingNonTransactionalDownIsRecordedFailedWithWhatItCommittedAndBlocksUntilRepaired()
      throws Exception {
    List<MigrationDescriptor> chain =
        List.of(
            CHAIN.get(0),
            outside(
                2,
                "two tables outside",
                new SqlMigration(
                    List.of(
                        "CREATE TABLE b (id INTEGER PRIMARY KEY)",
                        "CREATE TABLE c (id INTEGER PRIMARY KEY)"),
                    List.of("DROP TABLE c", "DROP TABLE b_typo"))));
    Path file = dir.resolve("app.db");
    strata(file, chain).migrate();

    MigrationException e =
        assertThrows(MigrationException.class, () -> strata(file, chain).rollbackTo(1));

    assertEquals(2, e.version());
    assertTrue(
        e.getMessage()
            .startsWith(
                "Rollback of migration 2 (two tables outside): its down failed; it ran outside a"
                    + " transaction (transactional = false)."),
        e.getMessage());
    assertTrue(e.getMessage().contains("no such table: b_typo"), e.getMessage());
    assertTrue(
        e.getMessage().contains("Nothing rolled the down back: statement 1 of 2 was committed."),
        e.getMessage());
    // The database is where the message says: c dropped, b kept, the step recorded FAILED.
    assertEquals(List.of("a", "b", "strata_history"), Db.tables(file));
    assertEquals(List.of("0 FAILED " + e.getMessage()), row(file, 2));
    Strata strata = strata(file, chain);
    assertEquals(MigrationState.FAILED, strata.info().migrations().get(1).state());
    assertTrue(
        strata
            .validate()
            .render()
            .contains("Migration 2 (two tables outside) is recorded as FAILED, partly rolled back"),
        strata.validate().render());
    // Nothing builds on it or runs its down again until someone has looked.
    MigrationException migrate = assertThrows(MigrationException.class, strata::migrate);
    assertEquals(e.getMessage(), migrate.getMessage());
    IrreversibleMigrationException again =
        assertThrows(IrreversibleMigrationException.class, () -> strata.rollbackTo(1));
    assertTrue(
        again.getMessage().contains("was being rolled back and is failed or unfinished"),
        again.getMessage());
    assertEquals(List.of("a", "b", "strata_history"), Db.tables(file));

    // The way out the message gives: finish the down by hand, delete the row, migrate again.
    Db.exec(file, "DROP TABLE b");
    RepairResult repaired = strata.repair(RepairOption.CONFIRM);
    assertEquals(List.of(2L), repaired.removed().stream().map(MigrationInfo::version).toList());
    assertEquals(2, strata.migrate().currentVersion());
    assertEquals(List.of("a", "b", "c", "strata_history"), Db.tables(file));
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
