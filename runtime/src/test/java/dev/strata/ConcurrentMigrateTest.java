package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    int failures = 0;
    long maxLateMs = 0;
    List<String> appliedPerRun = new ArrayList<>();
    for (int run = 1; run <= RUNS; run++) {
      Path db = dir.resolve("run" + run + ".db");
      long startAt = System.currentTimeMillis() + START_DELAY_MS;
      long busyTimeoutMs = BUSY_TIMEOUTS_MS[run % BUSY_TIMEOUTS_MS.length];
      List<Child> children = new ArrayList<>();
      for (int p = 0; p < PROCESSES; p++) {
        children.add(Child.start(dir.resolve("run" + run + "-p" + p), db, startAt, busyTimeoutMs));
      }
      int appliedByCallers = 0;
      for (Child child : children) {
        child.await();
        String out = child.stdout();
        String err = child.stderr();
        if (child.exitCode != 0 || err.contains("FAILURE") || err.contains("Exception")) {
          failures++;
        }
        assertEquals(0, child.exitCode, "child exit code; stderr:\n" + err);
        assertFalse(err.contains("Exception"), err);
        appliedByCallers += out.lines().filter(l -> l.startsWith("applied="))
            .mapToInt(l -> Integer.parseInt(l.substring(8, l.indexOf(' ')))).sum();
        maxLateMs = Math.max(maxLateMs, out.lines().filter(l -> l.startsWith("late_ms="))
            .mapToLong(l -> Long.parseLong(l.substring(8))).max().orElse(0));
        assertEquals(THREADS, out.lines().filter(l -> l.startsWith("applied=")).count(), out);
      }
      List<String> expected = LongStream.rangeClosed(1, MIGRATIONS).mapToObj(Long::toString).toList();
      assertEquals(expected, Db.column(db, "SELECT version FROM applied_log ORDER BY seq"), "each step exactly once, in order");
      assertEquals(expected, Db.column(db, "SELECT version FROM strata_history ORDER BY installed_rank"), "history by rank");
      assertEquals(List.of(Integer.toString(MIGRATIONS)), Db.column(db, "SELECT sum(success) FROM strata_history"));
      assertEquals(MIGRATIONS, appliedByCallers, "the callers' applied counts add up to the number of migrations");
      appliedPerRun.add(Db.column(db, "SELECT count(DISTINCT installed_by) FROM strata_history").get(0));
    }
    System.out.printf("concurrency: runs=%d processes=%d threads/process=%d callers/run=%d migrations/run=%d"
            + " busy-timeouts-ms=%s failures=%d distinct-appliers/run=%s max-late-start-ms=%d%n",
        RUNS, PROCESSES, THREADS, PROCESSES * THREADS, MIGRATIONS, java.util.Arrays.toString(BUSY_TIMEOUTS_MS),
        failures, appliedPerRun, maxLateMs);
    assertEquals(0, failures);
    assertTrue(maxLateMs < START_DELAY_MS, "children started in time");
  }

  /** One child JVM running {@link ConcurrentMigrator}. */
  private static final class Child {
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
      Path out = Path.of(logs + ".out");
      Path err = Path.of(logs + ".err");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      // Surefire may hide the real class path behind a manifest-only jar; it publishes it here.
      String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
      Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
          "-cp", classpath, ConcurrentMigrator.class.getName(),
          db.toString(), Long.toString(startAt), Integer.toString(THREADS), Integer.toString(MIGRATIONS),
          Long.toString(busyTimeoutMs))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      return new Child(process, out, err);
    }

    void await() throws InterruptedException {
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("child did not finish in 3 minutes");
      }
      exitCode = process.exitValue();
    }

    String stdout() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }
  }
}
