package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.RepeatableDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repeatable migrations: first run, unchanged, changed, and many callers at once. */
class RepeatableMigrationTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      TestMigrations.sql(1, "create log", "CREATE TABLE log (what TEXT NOT NULL)");

  private static RepeatableDescriptor logging(String description, String what) {
    String sql = "INSERT INTO log (what) VALUES ('" + what + "')";
    return new RepeatableDescriptor(
        description, "sha256:" + what, "test." + description, List.of(sql));
  }

  private static MigrationRegistry registry(RepeatableDescriptor... repeatables) {
    return new MigrationRegistry() {
      @Override
      public List<MigrationDescriptor> migrations() {
        return List.of(V1);
      }

      @Override
      public List<RepeatableDescriptor> repeatables() {
        return List.of(repeatables);
      }
    };
  }

  private Strata strata(Path db, MigrationRegistry registry) {
    return Strata.configure().url(Db.url(db)).registry(registry).load();
  }

  @Test
  void firstRunAppliesAfterTheVersionedOnesInDescriptionOrder() {
    Path db = dir.resolve("a.db");
    MigrateResult result = strata(db, registry(logging("b", "b1"), logging("a", "a1"))).migrate();
    assertEquals(List.of("a1", "b1"), Db.column(db, "SELECT what FROM log ORDER BY rowid"));
    assertEquals(3, result.appliedCount());
    assertEquals(1, result.currentVersion());
    InfoResult info = strata(db, registry(logging("b", "b1"), logging("a", "a1"))).info();
    List<MigrationInfo> repeatables =
        info.migrations().stream().filter(m -> m.type() == MigrationType.REPEATABLE).toList();
    assertEquals(List.of("a", "b"), repeatables.stream().map(MigrationInfo::description).toList());
    assertTrue(repeatables.stream().allMatch(m -> m.state() == MigrationState.APPLIED));
    assertEquals(1, info.currentVersion());
    assertTrue(info.pending().isEmpty());
  }

  @Test
  void unchangedIsNotRunAgainAndChangedRunsOnce() {
    Path db = dir.resolve("b.db");
    strata(db, registry(logging("a", "a1"))).migrate();
    MigrateResult unchanged = strata(db, registry(logging("a", "a1"))).migrate();
    assertEquals(0, unchanged.appliedCount());
    assertEquals(List.of("a1"), Db.column(db, "SELECT what FROM log ORDER BY rowid"));

    Strata changed = strata(db, registry(logging("a", "a2")));
    HealthResult stale = changed.health();
    assertEquals(HealthStatus.DEGRADED, stale.status(), stale.render());
    assertTrue(
        stale
            .reasons()
            .contains(
                "Repeatable migration a is new or changed and not yet applied: migrate() re-applies"
                    + " it"),
        stale.render());
    InfoResult before = changed.info();
    assertEquals(1, before.pending().size());
    assertEquals(MigrationType.REPEATABLE, before.pending().get(0).type());
    assertEquals(1, changed.migrate().appliedCount());
    assertEquals(0, changed.migrate().appliedCount());
    assertEquals(List.of("a1", "a2"), Db.column(db, "SELECT what FROM log ORDER BY rowid"));
    assertEquals(List.of("2"), Db.column(db, "SELECT runs FROM strata_repeatables"));
    assertTrue(changed.validate().issues().isEmpty());
    assertEquals(HealthStatus.UP, changed.health().status());
  }

  @Test
  void aFailingRepeatableRollsBackWithItsRow() {
    Path db = dir.resolve("c.db");
    strata(db, registry(logging("a", "a1"))).migrate();
    RepeatableDescriptor broken =
        new RepeatableDescriptor(
            "a",
            "sha256:broken",
            "test.a",
            List.of("INSERT INTO log (what) VALUES ('half')", "INSERT INTO nowhere VALUES (1)"));
    MigrationException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            MigrationException.class, () -> strata(db, registry(broken)).migrate());
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
    assertEquals(List.of("a1"), Db.column(db, "SELECT what FROM log ORDER BY rowid"));
    assertEquals(List.of("sha256:a1"), Db.column(db, "SELECT checksum FROM strata_repeatables"));
  }

  @Test
  void infoShowsOneNoLongerRegisteredAsMissingWithItsRecord() {
    Path db = dir.resolve("missing.db");
    strata(db, registry(logging("a", "a1"))).migrate();

    List<MigrationInfo> infos = strata(db, registry()).info().migrations();

    MigrationInfo a = infos.get(infos.size() - 1);
    assertEquals(
        List.of("a", "REPEATABLE", "MISSING", "sha256:a1"),
        List.of(a.description(), a.type().name(), a.state().name(), a.checksum()));
    assertTrue(a.installedOn().isPresent());
  }

  @Test
  void infoWithoutDatabaseShowsThemPendingAndCreatesNothing() {
    Path db = dir.resolve("none.db");
    InfoResult info = strata(db, registry(logging("a", "a1"))).info();
    assertEquals(2, info.pending().size());
    assertTrue(!db.toFile().exists());
  }

  @Test
  void eightConcurrentThreadsApplyAChangeExactlyOnce() throws Exception {
    for (int run = 0; run < 3; run++) {
      Path db = dir.resolve("t" + run + ".db");
      strata(db, registry(logging("a", "a1"))).migrate();
      int threads = 8;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<MigrateResult>> results = new ArrayList<>();
      try {
        for (int t = 0; t < threads; t++) {
          results.add(
              pool.submit(
                  () -> {
                    Strata strata = strata(db, registry(logging("a", "a2"), logging("b", "b1")));
                    go.await();
                    return strata.migrate();
                  }));
        }
        go.countDown();
        int applied = 0;
        for (Future<MigrateResult> result : results) {
          applied += result.get().appliedCount();
        }
        assertEquals(2, applied);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(List.of("a1", "a2", "b1"), Db.column(db, "SELECT what FROM log ORDER BY rowid"));
    }
  }

  /**
   * Eight JVMs migrate one new file at once (five versioned steps and the repeatable), then eight
   * more migrate it with the repeatable's text changed: each version and each text is applied
   * exactly once, and no caller fails.
   */
  @Test
  void eightConcurrentProcessesApplyItAndItsChangeExactlyOnce() throws Exception {
    int processes = 8;
    int migrations = 5;
    Path db = dir.resolve("processes.db");
    List<String> problems = new ArrayList<>();
    List<Integer> appliedPerRound = new ArrayList<>();
    long maxLateMs = 0;
    for (String text : List.of("a1", "a2")) {
      long startAt = System.currentTimeMillis() + 5000;
      List<ConcurrentMigrateTest.Child> children = new ArrayList<>();
      for (int p = 0; p < processes; p++) {
        children.add(
            ConcurrentMigrateTest.Child.start(
                dir.resolve(text + "-p" + p),
                db,
                startAt,
                5000,
                1,
                migrations,
                ConcurrentMigrator.REPEATABLE + text));
      }
      int applied = 0;
      for (ConcurrentMigrateTest.Child child : children) {
        boolean finished = child.await();
        String out = child.stdout();
        if (!finished || child.exitCode() != 0 || !out.contains("applied=")) {
          problems.add(text + ": exit " + child.exitCode() + ", stderr:\n" + child.stderr());
        }
        for (String line : out.lines().toList()) {
          if (line.startsWith("applied=")) {
            applied += Integer.parseInt(line.substring(8, line.indexOf(' ')));
          } else if (line.startsWith("late_ms=")) {
            maxLateMs = Math.max(maxLateMs, Long.parseLong(line.substring(8)));
          }
        }
      }
      appliedPerRound.add(applied);
    }
    System.out.printf(
        "repeatable concurrency: processes=%d applied-per-round=%s max-late-start-ms=%d"
            + " problems=%d%n",
        processes, appliedPerRound, maxLateMs, problems.size());
    assertEquals(List.of(), problems);
    // Round one: five versions and the repeatable; round two: the changed repeatable only.
    assertEquals(List.of(migrations + 1, 1), appliedPerRound);
    assertEquals(
        List.of("a1", "a2"), Db.column(db, "SELECT what FROM repeatable_log ORDER BY seq"));
    assertEquals(
        List.of("log|sha256:a2|2"),
        Db.column(
            db, "SELECT description || '|' || checksum || '|' || runs FROM strata_repeatables"));
    assertEquals(List.of("5"), Db.column(db, "SELECT count(*) FROM strata_history"));
  }
}
