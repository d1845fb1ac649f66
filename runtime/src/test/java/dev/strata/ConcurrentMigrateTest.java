package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several JVMs, each with several threads, migrate one fresh file at the same instant. Every
 * migration must be applied exactly once and in order, and no caller may fail. Runs alternate
 * between a normal busy_timeout and none at all, where the engine's own retries do all the waiting.
 */
class ConcurrentMigrateTest {
  private static final int RUNS = 6;
  private static final long[] BUSY_TIMEOUTS_MS = {5000, 0};
  private static final int PROCESSES = 4;
  private static final int THREADS = 2;
  private static final int MIGRATIONS = 40;

  /** Enough for every child JVM to start on a busy two-core machine before the shared instant. */
  private static final long START_DELAY_MS = 4000;

  @TempDir Path dir;

  @Test
  void processesAndThreadsApplyEachMigrationExactlyOnceInOrder() throws Exception {
    // Every figure is collected before anything is asserted, so that the printed line is the truth
    // about all runs, failures included.
    List<String> problems = new ArrayList<>();
    long failedCallers = 0;
    long maxLateMs = 0;
    List<String> appliersPerRun = new ArrayList<>();
    List<String> expected = LongStream.rangeClosed(1, MIGRATIONS).mapToObj(Long::toString).toList();
    for (int run = 1; run <= RUNS; run++) {
      Path db = dir.resolve("run" + run + ".db");
      long startAt = System.currentTimeMillis() + START_DELAY_MS;
      long busyTimeoutMs = BUSY_TIMEOUTS_MS[run % BUSY_TIMEOUTS_MS.length];
      List<Child> children = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        children.add(Child.start(dir.resolve("run" + run + "-p" + p), db, startAt, busyTimeoutMs));
      }
      int appliedByCallers = 0;
      for (int p = 0; p < PROCESSES; p++) {
        Child child = children.get(p);
        boolean finished = child.await();
        String out = child.stdout();
        String err = child.stderr();
        List<String> applied = out.lines().filter(l -> l.startsWith("applied=")).toList();
        // A thread that failed prints no applied= line; a child that died or hung prints none at
        // all.
        failedCallers += THREADS - applied.size();
        if (!finished || child.exitCode != 0 || err.contains("Exception")) {
          problems.add(
              "run "
                  + run
                  + " child "
                  + p
                  + (finished ? " exited " + child.exitCode : " timed out")
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
      expect(
          problems,
          "run " + run + ": each step exactly once, in order",
          expected,
          db,
          "SELECT version FROM applied_log ORDER BY seq");
      expect(
          problems,
          "run " + run + ": history by rank",
          expected,
          db,
          "SELECT version FROM strata_history ORDER BY installed_rank");
      expect(
          problems,
          "run " + run + ": every step succeeded",
          List.of(Integer.toString(MIGRATIONS)),
          db,
          "SELECT sum(success) FROM strata_history");
      if (appliedByCallers != MIGRATIONS) {
        problems.add(
            "run "
                + run
                + ": the callers applied "
                + appliedByCallers
                + " migrations, not "
                + MIGRATIONS);
      }
      appliersPerRun.add(
          String.join("", query(db, "SELECT count(DISTINCT installed_by) FROM strata_history")));
    }
    System.out.printf(
        "concurrency: runs=%d processes=%d threads/process=%d callers/run=%d migrations/run=%d"
            + " busy-timeouts-ms=%s failed-callers=%d problems=%d distinct-appliers/run=%s"
            + " max-late-start-ms=%d%n",
        RUNS,
        PROCESSES,
        THREADS,
        PROCESSES * THREADS,
        MIGRATIONS,
        java.util.Arrays.toString(BUSY_TIMEOUTS_MS),
        failedCallers,
        problems.size(),
        appliersPerRun,
        maxLateMs);
    assertEquals(List.of(), problems);
    assertEquals(0, failedCallers);
    assertTrue(maxLateMs < START_DELAY_MS, "children started in time");
  }

  private static void expect(
      List<String> problems, String what, List<String> expected, Path db, String sql) {
    List<String> actual = query(db, sql);
    if (!expected.equals(actual)) {
      problems.add(what + ": expected " + expected + " but was " + actual);
    }
  }

  /** The rows of {@code sql}, or the error as one row: a broken run must not stop the count. */
  private static List<String> query(Path db, String sql) {
    try {
      return Db.column(db, sql);
    } catch (AssertionError e) {
      return List.of("error: " + e.getMessage());
    }
  }

  /** One child JVM running {@link ConcurrentMigrator}. */
  static final class Child {
    private final Process process;
    private final Path out;
    private final Path err;
    private int exitCode = -1;

    private Child(Process process, Path out, Path err) {
      this.process = process;
      this.out = out;
      this.err = err;
    }

    static Child start(Path logs, Path db, long startAt, long busyTimeoutMs) throws IOException {
      return start(logs, db, startAt, busyTimeoutMs, THREADS, MIGRATIONS, "ordered");
    }

    /**
     * {@code registry} is {@code ordered}, {@code rebuild} or {@code repeatable-<text>}, as {@link
     * ConcurrentMigrator} says.
     */
    static Child start(
        Path logs,
        Path db,
        long startAt,
        long busyTimeoutMs,
        int threads,
        int migrations,
        String registry)
        throws IOException {
      return start(logs, db.toString(), startAt, busyTimeoutMs, threads, migrations, registry);
    }

    /** As above, on {@code database}: an SQLite file or a JDBC URL. */
    static Child start(
        Path logs,
        String database,
        long startAt,
        long busyTimeoutMs,
        int threads,
        int migrations,
        String registry)
        throws IOException {
      Path out = Path.of(logs + ".out");
      Path err = Path.of(logs + ".err");
      // Each child extracts sqlite-jdbc's native library into its own folder: in a shared one,
      // a starting JVM deletes another's copy and logs an exception on stderr, a false failure.
      Path nativeLib = Files.createDirectories(Path.of(logs + ".native"));
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // Surefire may hide the real class path behind a manifest-only jar; it publishes it here.
      String classpath =
          System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Process process =
          new ProcessBuilder(
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Dorg.sqlite.tmpdir=" + nativeLib,
                  "-Djava.util.logging.config.file="
                      + System.getProperty("java.util.logging.config.file", ""),
                  "-cp",
                  classpath,
                  ConcurrentMigrator.class.getName(),
                  database,
                  Long.toString(startAt),
                  Integer.toString(threads),
                  Integer.toString(migrations),
                  Long.toString(busyTimeoutMs),
                  registry)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      return new Child(process, out, err);
    }

    /** Whether the child finished within 3 minutes; one that did not is killed. */
    boolean await() throws InterruptedException {
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return false;
      }
      exitCode = process.exitValue();
      return true;
    }

    /** The child's exit code once {@link #await} returned true, else -1. */
    int exitCode() {
      return exitCode;
    }

    String stdout() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }
  }
}
