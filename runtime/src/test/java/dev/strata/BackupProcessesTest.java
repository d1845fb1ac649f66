package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore against other processes: a backup while another process writes all the time,
 * and restores killed with SIGKILL at many points while this process keeps reading.
 */
class BackupProcessesTest {
  @TempDir Path dir;

  @Test
  void backupWhileAnotherProcessWritesIsConsistent() throws Exception {
    Path live = dir.resolve("busy.db");
    Bank.populate(live, 100, 1_000, 256, "busy");
    Path stop = dir.resolve("stop");
    Child writer =
        Child.start(dir.resolve("writer"), "write", live.toString(), "200", stop.toString());
    writer.awaitLine("started");

    List<Long> transfers = new ArrayList<>();
    List<String> paths;
    try (BackupLog log = new BackupLog()) {
      for (int i = 0; i < 5; i++) {
        // On a busy machine the writer may be starved for a while: let it commit at least once
        // more.
        long seen = awaitTransfersAbove(live, transfers.isEmpty() ? 0 : transfers.get(i - 1));
        BackupResult backup = Bank.strata(live).backup(dir.resolve("busy-" + i + ".zip"));
        Path restored = dir.resolve("restored-" + i + ".db");
        Bank.strata(restored).restore(backup.file());
        try (Connection c = Bank.connect(restored);
            Statement s = c.createStatement()) {
          assertEquals("", Bank.broken(c), "backup " + i);
          transfers.add(Bank.single(s, "SELECT transfers FROM meta"));
        }
        assertTrue(
            transfers.get(i) >= seen, seen + " committed before backup " + i + ": " + transfers);
        assertEquals(List.of("ok"), Db.column(restored, "PRAGMA integrity_check"));
      }
      paths = log.paths();
    }
    Files.createFile(stop);
    System.out.println("[backup while writing] " + transfers + ", " + paths);
    assertTrue(writer.process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, writer.process.exitValue(), writer.stderr());
    assertTrue(writer.stdout().contains("wrote "), writer.stdout());

    // Every backup is a later state than the one before: the writer went on all along.
    for (int i = 1; i < transfers.size(); i++) {
      assertTrue(transfers.get(i) > transfers.get(i - 1), transfers.toString());
    }
    try (Connection c = Bank.connect(live)) {
      assertEquals("", Bank.broken(c));
    }
  }

  /**
   * Kill points: two by time, before the swap (unzipping, checking); three while the swap's write
   * transaction is under way, when the live WAL has grown to 20%, 50% and 80% of the new database;
   * one right after the child says it restored.
   */
  @Test
  void restoreKilledAtAnyPointLeavesTheOldOrTheNewDatabase() throws Exception {
    Path old = dir.resolve("old.db");
    Bank.populate(old, 300, 1_500, 1_024, "old");
    checkpoint(old);
    String oldContents = Bank.contents(old);
    Path fresh = dir.resolve("new.db");
    Bank.populate(fresh, 300, 8_000, 1_024, "new");
    String newContents = Bank.contents(fresh);
    BackupResult backup = Bank.strata(fresh).backup(dir.resolve("new.zip"));
    long newSize = backup.databaseSizeBytes();

    List<String> points = List.of("300ms", "700ms", "wal20", "wal50", "wal80", "restored");
    List<String> outcomes = new ArrayList<>();
    int kills = 0;
    for (int i = 0; i < points.size(); i++) {
      String point = points.get(i);
      Path live = copyOf(old, "live-" + i + ".db");
      Path wal = Path.of(live + "-wal");
      AtomicBoolean reading = new AtomicBoolean(true);
      AtomicReference<Throwable> readFailure = new AtomicReference<>();
      AtomicLong reads = new AtomicLong();
      Thread reader =
          new Thread(
              () -> {
                try (Connection c = Bank.connect(live);
                    Statement s = c.createStatement()) {
                  while (reading.get()) {
                    assertEquals("", Bank.broken(c));
                    try (var rs = s.executeQuery("SELECT label FROM meta")) {
                      rs.next();
                      assertTrue(Set.of("old", "new").contains(rs.getString(1)));
                    }
                    reads.incrementAndGet();
                    Thread.sleep(5); // two cores: leave the child its share
                  }
                } catch (Throwable e) {
                  readFailure.set(e);
                }
              });
      reader.start();
      Child child =
          Child.start(
              dir.resolve("kill-" + i), "restore", live.toString(), backup.file().toString());
      long walAtKill = 0;
      if (point.endsWith("ms")) {
        Thread.sleep(Long.parseLong(point.replace("ms", "")));
      } else if (point.startsWith("wal")) {
        long threshold = newSize * Long.parseLong(point.substring(3)) / 100;
        while (child.process.isAlive() && (!Files.exists(wal) || Files.size(wal) < threshold)) {
          Thread.sleep(1);
        }
        walAtKill = Files.exists(wal) ? Files.size(wal) : 0;
      } else {
        child.awaitLine("restored");
      }
      boolean diedFirst = !child.process.isAlive();
      child.kill();
      Thread.sleep(50);
      reading.set(false);
      reader.join();
      if (readFailure.get() != null) {
        throw new AssertionError("reader, kill at " + point, readFailure.get());
      }
      assertTrue(reads.get() > 0);
      // On a fast machine the restore may end before a timed point: then there was no kill there.
      boolean killedMidway = !diedFirst && !point.equals("restored");
      kills += killedMidway ? 1 : 0;

      // The next start works, and the database is the old one or the new one, whole.
      Bank.strata(live).migrate();
      assertTrue(Bank.strata(live).validate().valid());
      assertEquals(List.of("ok"), Db.column(live, "PRAGMA integrity_check"));
      String contents = Bank.contents(live);
      String outcome =
          contents.equals(oldContents) ? "old" : contents.equals(newContents) ? "new" : "MIXED";
      outcomes.add(
          point
              + (walAtKill > 0 ? " (wal " + walAtKill + " B)" : "")
              + (diedFirst && !point.equals("restored") ? " (had finished)" : "")
              + " -> "
              + outcome);
      assertTrue(!outcome.equals("MIXED"), outcomes.toString());
      assertTrue(killedMidway || outcome.equals("new"), outcomes + ": " + child.stderr());
    }
    System.out.println("[restore killed] new database " + newSize + " B: " + outcomes);
    assertTrue(kills > 0, "no restore was killed before it ended: " + outcomes);
    assertTrue(outcomes.stream().anyMatch(o -> o.endsWith("old")), outcomes.toString());
    assertTrue(outcomes.get(points.size() - 1).endsWith("new"), outcomes.toString());
  }

  private static long awaitTransfersAbove(Path live, long floor) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      long now = Long.parseLong(Db.column(live, "SELECT transfers FROM meta").get(0));
      if (now > floor) {
        return now;
      }
      assertTrue(System.nanoTime() < deadline, "the writer made no progress past " + floor);
      Thread.sleep(10);
    }
  }

  private Path copyOf(Path source, String name) throws IOException {
    return Files.copy(source, dir.resolve(name));
  }

  private static void checkpoint(Path file) throws Exception {
    try (Connection c = Bank.connect(file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      s.execute("PRAGMA journal_mode = DELETE");
    }
  }

  /** A child JVM running {@link BackupChild}. */
  private record Child(Process process, Path out, Path err) {
    static Child start(Path logs, String... args) throws IOException {
      Path out = Path.of(logs + ".out");
      Path err = Path.of(logs + ".err");
      List<String> command =
          new ArrayList<>(
              List.of(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty(
                      "surefire.test.class.path", System.getProperty("java.class.path")),
                  BackupChild.class.getName()));
      command.addAll(List.of(args));
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      return new Child(process, out, err);
    }

    void awaitLine(String line) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (!stdout().contains(line)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("no '" + line + "' from the child: " + stderr());
        }
        Thread.sleep(20);
      }
    }

    /** SIGKILL, as {@code kill -9}. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    }

    String stdout() throws IOException {
      return Files.readString(out, StandardCharsets.UTF_8);
    }

    String stderr() throws IOException {
      return Files.readString(err, StandardCharsets.UTF_8);
    }
  }
}
