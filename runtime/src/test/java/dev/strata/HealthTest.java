package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** health(): each status and reason, that it never writes, the integrity option, its timings. */
class HealthTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V2 =
      sql(2, "create location", "CREATE TABLE location (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V3 =
      sql(3, "create stock", "CREATE TABLE stock (id INTEGER PRIMARY KEY)");

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(MigrationDescriptor... migrations) {
    return Strata.configure().url(Db.url(db())).registry(registry(migrations)).load();
  }

  private static void assertReason(HealthResult result, String part) {
    assertTrue(
        result.reasons().stream().anyMatch(r -> r.contains(part)),
        "no reason with \"" + part + "\" in\n" + result.render());
  }

  @Test
  void upWhenEveryMigrationIsApplied() throws IOException {
    strata(V1, V2).migrate();
    HealthResult result = strata(V1, V2).health();

    assertEquals(HealthStatus.UP, result.status(), result.render());
    assertEquals(List.of(), result.reasons());
    assertTrue(result.initialized());
    assertEquals(2, result.currentVersion());
    assertEquals(2, result.headVersion());
    assertEquals(0, result.pendingCount());
    assertEquals(List.of(), result.failedSteps());
    assertEquals(List.of(), result.unfinishedSteps());
    assertEquals(List.of(), result.checksumMismatches());
    assertEquals(Files.size(db()), result.fileSizeBytes());
    assertEquals(Files.size(Path.of(db() + "-wal")), result.walSizeBytes());
    assertTrue(result.lastAppliedAt().isPresent());
    assertEquals(Optional.empty(), result.integrity());
    assertTrue(result.isReady());
    assertTrue(result.render().contains("Status:"), result.render());
  }

  @Test
  void degradedWhilePending() {
    strata(V1).migrate();
    HealthResult result = strata(V1, V2, V3).health();

    assertEquals(HealthStatus.DEGRADED, result.status(), result.render());
    assertEquals(2, result.pendingCount());
    assertEquals(1, result.currentVersion());
    assertEquals(3, result.headVersion());
    assertReason(result, "2 migrations are pending: the database is at version 1");
    assertTrue(result.isReady());
  }

  @Test
  void degradedOnAnUninitializedDatabase() {
    Db.exec(db(), "CREATE TABLE legacy (id INTEGER)");
    HealthResult result = strata(V1).health();

    assertEquals(HealthStatus.DEGRADED, result.status(), result.render());
    assertFalse(result.initialized());
    assertEquals(Optional.empty(), result.lastAppliedAt());
    assertReason(result, "1 migration is pending");
  }

  @Test
  void degradedOnAChecksumMismatch() {
    strata(V1, V2).migrate();
    MigrationDescriptor edited =
        sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT)");
    HealthResult result = strata(edited, V2).health();

    assertEquals(HealthStatus.DEGRADED, result.status(), result.render());
    assertEquals(List.of(1L), result.checksumMismatches());
    assertReason(result, "was changed after it was applied");
  }

  @Test
  void degradedOnAnOutOfOrderAndAMissingMigration() {
    strata(V1, V3).migrate();
    HealthResult outOfOrder = strata(V1, V2, V3).health();
    assertEquals(HealthStatus.DEGRADED, outOfOrder.status(), outOfOrder.render());
    assertReason(outOfOrder, "older than the applied head 3");

    HealthResult missing = strata(V3).health();
    assertEquals(HealthStatus.DEGRADED, missing.status(), missing.render());
    assertReason(missing, "no longer in the registry");
  }

  @Test
  void degradedWhileAStepMayStillBeRunning() {
    strata(V1).migrate();
    Db.exec(
        db(),
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success, state) VALUES (2, 'create location', 'SQL',"
            + " 'x', '2026-01-01T00:00:00Z', 'another host', 0, 0, 'RUNNING')");
    HealthResult result = strata(V1, V2).health();

    assertEquals(HealthStatus.DEGRADED, result.status(), result.render());
    assertEquals(List.of(2L), result.unfinishedSteps());
    assertReason(result, "Migration 2 is claimed and may still be running");
  }

  @Test
  void downOnAFailedStep() {
    strata(V1).migrate();
    Db.exec(
        db(),
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success, state, failure) VALUES (2, 'create location',"
            + " 'SQL', 'x', '2026-01-01T00:00:00Z', 'me', 0, 0, 'FAILED', 'boom')");
    HealthResult result = strata(V1, V2).health();

    assertEquals(HealthStatus.DOWN, result.status(), result.render());
    assertEquals(List.of(2L), result.failedSteps());
    assertReason(result, "is recorded as FAILED, partly applied: boom");
    assertFalse(result.isReady());
  }

  @Test
  void downWhenTheDatabaseIsNewerThanTheApplication() {
    strata(V1, V2).migrate();
    HealthResult result = strata(V1).health();

    assertEquals(HealthStatus.DOWN, result.status(), result.render());
    assertEquals(2, result.currentVersion());
    assertEquals(1, result.headVersion());
    assertReason(result, "newer than this application's 1");
  }

  @Test
  void downAndNothingCreatedWhereNoDatabaseIs() {
    HealthResult result = strata(V1).health();

    assertEquals(HealthStatus.DOWN, result.status(), result.render());
    assertReason(result, "no database");
    assertFalse(result.initialized());
    assertEquals(0, result.fileSizeBytes());
    assertEquals(List.of(), files());
  }

  @Test
  void downWhenTheFileIsNoDatabase() throws IOException {
    Files.writeString(db(), "not a database, just text long enough to have a header".repeat(20));
    HealthResult result = strata(V1).health();

    assertEquals(HealthStatus.DOWN, result.status(), result.render());
    assertReason(result, "cannot read the database");
  }

  @Test
  void downWhenTheHistoryIsDamaged() {
    Db.exec(db(), "CREATE TABLE strata_history (id INTEGER)");
    HealthResult result = strata(V1).health();

    assertEquals(HealthStatus.DOWN, result.status(), result.render());
    assertReason(result, "cannot read the database");
  }

  @Test
  void checkIntegrityRunsQuickCheck() throws Exception {
    strata(V1).migrate();
    Db.exec(db(), "PRAGMA journal_mode = DELETE");
    fill(db(), 1, 4096); // a table of its own, whose pages the history never reads
    assertEquals(Optional.of("ok"), strata(V1).health(HealthOption.CHECK_INTEGRITY).integrity());

    // Damage the last page, a leaf of the filler table: the type byte of its header.
    long size = Files.size(db());
    int pageSize = Integer.parseInt(Db.column(db(), "PRAGMA page_size").get(0));
    try (RandomAccessFile file = new RandomAccessFile(db().toFile(), "rw")) {
      file.seek(size - pageSize);
      byte[] garbage = new byte[64];
      Arrays.fill(garbage, (byte) 0x7f);
      file.write(garbage);
    }

    HealthResult probe = strata(V1).health();
    assertEquals(HealthStatus.UP, probe.status(), "the default probe reads no data pages");
    assertEquals(Optional.empty(), probe.integrity());

    HealthResult checked = strata(V1).health(HealthOption.CHECK_INTEGRITY);
    assertEquals(HealthStatus.DOWN, checked.status(), checked.render());
    assertTrue(checked.integrity().isPresent());
    assertFalse(checked.integrity().get().equals("ok"), checked.render());
    assertReason(checked, "PRAGMA quick_check failed");
  }

  @Test
  void neverWritesARollbackJournalDatabase() throws Exception {
    strata(V1, V3).migrate();
    Db.exec(db(), "PRAGMA journal_mode = DELETE");
    assertEquals(List.of("app.db"), files());
    String before = sha256(db());

    for (Strata strata : List.of(strata(V1, V3), strata(V1, V2, V3), strata(V1))) {
      strata.health();
      strata.health(HealthOption.CHECK_INTEGRITY);
    }

    assertEquals(before, sha256(db()));
    assertEquals(List.of("app.db"), files());
    assertEquals(List.of("delete"), Db.column(db(), "PRAGMA journal_mode"));
  }

  @Test
  void neverWritesTheMainFileOfAWalDatabase() throws Exception {
    strata(V1, V3).migrate();
    Db.exec(db(), "PRAGMA wal_checkpoint(TRUNCATE)");
    String before = sha256(db());

    strata(V1, V2, V3).health();
    strata(V1, V3).health(HealthOption.CHECK_INTEGRITY);

    assertEquals(before, sha256(db()));
  }

  /**
   * Timings: health() on a small database and on a large one, the default probe and with
   * CHECK_INTEGRITY. Printed; only the default probe is held to a generous bound, a probe's usual 1
   * s timeout. The large file is 64 MB in the normal build, to spare CI's disk and time; run with
   * {@code -Dstrata.health.bigMegabytes=1024} for the 1 GB figures in the README.
   */
  @Test
  void timings() throws Exception {
    strata(V1, V2, V3).migrate();
    long small = medianMillis(strata(V1, V2, V3), 5);
    long smallChecked = millis(() -> strata(V1, V2, V3).health(HealthOption.CHECK_INTEGRITY));

    Path big = dir.resolve("big.db");
    Strata bigStrata = Strata.configure().url(Db.url(big)).registry(registry(V1, V2, V3)).load();
    bigStrata.migrate();
    long fillStart = System.nanoTime();
    long chunks = fill(big, Integer.getInteger("strata.health.bigMegabytes", 64), 1 << 20, 20_000);
    long fillMs = (System.nanoTime() - fillStart) / 1_000_000;
    long bigBytes = Files.size(big);
    long bigFirst = millis(bigStrata::health);
    long bigMedian = medianMillis(bigStrata, 5);
    long bigChecked = millis(() -> bigStrata.health(HealthOption.CHECK_INTEGRITY));
    HealthResult result = bigStrata.health();

    System.out.printf(
        "health() timings:%n  small (%d bytes): default %d ms (median of 5), CHECK_INTEGRITY %d"
            + " ms%n  big (%d MB, %d x 1 MB blobs written in %d ms): default first %d ms, median %d"
            + " ms, CHECK_INTEGRITY %d ms (%.2f s per GB)%n",
        Files.size(db()),
        small,
        smallChecked,
        bigBytes >> 20,
        chunks,
        fillMs,
        bigFirst,
        bigMedian,
        bigChecked,
        bigChecked / 1000.0 / (bigBytes / (double) (1L << 30)));
    assertEquals(HealthStatus.UP, result.status(), result.render());
    assertEquals(bigBytes, result.fileSizeBytes());
    assertTrue(bigMedian < 1000, "default health() took " + bigMedian + " ms on the big file");
  }

  private static long medianMillis(Strata strata, int runs) {
    strata.health(); // warm-up
    long[] times = new long[runs];
    for (int i = 0; i < runs; i++) {
      times[i] = millis(strata::health);
    }
    Arrays.sort(times);
    return times[runs / 2];
  }

  private static long millis(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** {@code rows} random blobs of {@code bytes} each, in a table {@code filler}. */
  private static void fill(Path file, int rows, int bytes) throws Exception {
    fill(file, rows, bytes, Long.MAX_VALUE);
  }

  /**
   * Up to {@code rows} random blobs of {@code bytes} each, 64 per statement, stopping early after
   * {@code budgetMs}; returns the rows written.
   */
  private static long fill(Path file, int rows, int bytes, long budgetMs) throws Exception {
    long start = System.nanoTime();
    long written = 0;
    try (Connection c = DriverManager.getConnection(Db.url(file));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA synchronous = OFF");
      s.execute("CREATE TABLE IF NOT EXISTS filler (id INTEGER PRIMARY KEY, data BLOB)");
      while (written < rows && (System.nanoTime() - start) / 1_000_000 < budgetMs) {
        int chunk = (int) Math.min(64, rows - written);
        s.execute(
            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < "
                + chunk
                + ") INSERT INTO filler (data) SELECT randomblob("
                + bytes
                + ") FROM n");
        written += chunk;
      }
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    return written;
  }

  private List<String> files() {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
