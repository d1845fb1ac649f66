package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.ConcurrentMigrateTest.Child;
import dev.strata.sql.Dialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight JVMs of two threads each migrate one fresh PostgreSQL database at the same instant, five
 * times: every migration exactly once and in order, no caller failed, and the non-transactional
 * step in the middle ({@code CREATE INDEX CONCURRENTLY}, which fails if run twice) ran once. The
 * children get the database's JDBC URL; the server is this JVM's {@link PostgresServer}.
 */
class PostgresConcurrentMigrateTest {
  private static final int RUNS = 5;
  private static final int PROCESSES = 8;
  private static final int THREADS = 2;
  private static final int MIGRATIONS = 40;

  /** Enough for eight child JVMs to start on a busy two-core machine before the shared instant. */
  private static final long START_DELAY_MS = 8000;

  @TempDir Path dir;

  @Test
  void processesAndThreadsApplyEachMigrationExactlyOnceInOrder() throws Exception {
    List<String> problems = new ArrayList<>();
    long failedCallers = 0;
    long maxLateMs = 0;
    List<String> appliersPerRun = new ArrayList<>();
    List<Long> millisPerRun = new ArrayList<>();
    List<String> expected = LongStream.rangeClosed(1, MIGRATIONS).mapToObj(Long::toString).toList();
    for (int run = 1; run <= RUNS; run++) {
      TestDatabase db = TestDatabase.fresh(Dialect.POSTGRESQL, dir);
      long startAt = System.currentTimeMillis() + START_DELAY_MS;
      List<Child> children = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        children.add(
            Child.start(
                dir.resolve("run" + run + "-p" + p),
                db.url(),
                startAt,
                0,
                THREADS,
                MIGRATIONS,
                "postgres"));
      }
      int appliedByCallers = 0;
      for (int p = 0; p < PROCESSES; p++) {
        Child child = children.get(p);
        boolean finished = child.await();
        String out = child.stdout();
        String err = child.stderr();
        List<String> applied = out.lines().filter(l -> l.startsWith("applied=")).toList();
        failedCallers += THREADS - applied.size();
        if (!finished || child.exitCode() != 0 || err.contains("Exception")) {
          problems.add(
              "run "
                  + run
                  + " child "
                  + p
                  + (finished ? " exited " + child.exitCode() : " timed out")
                  + "; stderr:\n"
                  + err);
        }
        appliedByCallers +=
            applied.stream().mapToInt(l -> Integer.parseInt(l.substring(8, l.indexOf(' ')))).sum();
        maxLateMs =
            Math.max(
                maxLateMs,
                out.lines()
                    .filter(l -> l.startsWith("late_ms="))
                    .mapToLong(l -> Long.parseLong(l.substring(8)))
                    .max()
                    .orElse(0));
      }
      millisPerRun.add(System.currentTimeMillis() - startAt);
      String r = "run " + run + ": ";
      expect(
          problems,
          r + "each step exactly once, in order",
          expected,
          db,
          "SELECT version FROM applied_log ORDER BY seq");
      expect(
          problems,
          r + "history by rank",
          expected,
          db,
          "SELECT version FROM strata_history ORDER BY installed_rank");
      expect(
          problems,
          r + "every step succeeded",
          List.of(Integer.toString(MIGRATIONS)),
          db,
          "SELECT sum(success) FROM strata_history");
      expect(
          problems,
          r + "the non-transactional step's index, once",
          List.of("1"),
          db,
          "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_applied_log_seq'");
      expect(
          problems,
          r + "the non-transactional step, applied",
          List.of("APPLIED"),
          db,
          "SELECT state FROM strata_history WHERE version = " + MIGRATIONS / 2);
      if (appliedByCallers != MIGRATIONS) {
        problems.add(r + "the callers applied " + appliedByCallers + ", not " + MIGRATIONS);
      }
      appliersPerRun.add(
          String.join("", query(db, "SELECT count(DISTINCT installed_by) FROM strata_history")));
    }
    System.out.printf(
        "postgres concurrency: runs=%d processes=%d threads/process=%d callers/run=%d"
            + " migrations/run=%d failed-callers=%d problems=%d distinct-appliers/run=%s"
            + " ms-from-start-to-all-done/run=%s max-late-start-ms=%d%n",
        RUNS,
        PROCESSES,
        THREADS,
        PROCESSES * THREADS,
        MIGRATIONS,
        failedCallers,
        problems.size(),
        appliersPerRun,
        millisPerRun,
        maxLateMs);
    assertEquals(List.of(), problems);
    assertEquals(0, failedCallers);
    assertTrue(maxLateMs < START_DELAY_MS, "children started in time");
  }

  private static void expect(
      List<String> problems, String what, List<String> expected, TestDatabase db, String sql) {
    List<String> actual = query(db, sql);
    if (!expected.equals(actual)) {
      problems.add(what + ": expected " + expected + " but was " + actual);
    }
  }

  /** The rows of {@code sql}, or the error as one row: a broken run must not stop the count. */
  private static List<String> query(TestDatabase db, String sql) {
    try {
      return db.column(sql);
    } catch (AssertionError e) {
      return List.of("error: " + e.getMessage());
    }
  }
}
