package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Scenario 6: {@code Strata.backup} and {@code restore} of a large database against a plain file
 * copy, the integrity check apart, and peak RSS at two sizes (it must not grow with the database).
 */
final class BackupRestore implements Bench.Scenario {
  static final String COPY = "plain file copy";
  static final String BACKUP = "Strata.backup";
  static final String RESTORE = "Strata.restore";

  @Override
  public String title() {
    return "Backup and restore";
  }

  @Override
  public void run(Harness h, Report report) {
    int mb = h.settings().backupMb();
    Harness.Registries registry = h.sqlRegistry(100);
    Path small = filled(h, "backup-small", registry, mb / 4);
    Path large = filled(h, "backup-large", registry, mb);
    Path copy = h.dir("db").resolve("backup-copy.db");
    Path archive = h.dir("db").resolve("backup-large.zip");
    Path smallArchive = h.dir("db").resolve("backup-small.zip");
    Proc p = h.proc();
    String names = registry.names();
    List<Path> cp = registry.classes();
    if (p.run(cp, BackupChild.class, "backup", Harness.url(large), names, archive.toString())
            .exitCode()
        != 0) {
      throw new IllegalStateException("the first backup failed:\n" + p.lastFailure());
    }
    String backupSmall = BACKUP + " (" + mb / 4 + " MB)";
    String backupLarge = BACKUP + " (" + mb + " MB)";
    Map<String, List<Sample>> samples =
        h.interleave(
            List.of(
                new Harness.Contender(
                    COPY,
                    () -> Harness.deleteDb(copy),
                    () ->
                        p.run(
                            List.of(),
                            BackupChild.class,
                            "copy",
                            large.toString(),
                            copy.toString())),
                new Harness.Contender(
                    backupLarge,
                    () -> delete(archive),
                    () ->
                        p.run(
                            cp,
                            BackupChild.class,
                            "backup",
                            Harness.url(large),
                            names,
                            archive.toString())),
                new Harness.Contender(
                    RESTORE,
                    () ->
                        p.run(
                            cp,
                            BackupChild.class,
                            "restore",
                            Harness.url(large),
                            names,
                            archive.toString())),
                new Harness.Contender(
                    "PRAGMA integrity_check",
                    () -> p.run(List.of(), BackupChild.class, "integrity", Harness.url(large))),
                new Harness.Contender(
                    backupSmall,
                    () -> delete(smallArchive),
                    () ->
                        p.run(
                            cp,
                            BackupChild.class,
                            "backup",
                            Harness.url(small),
                            names,
                            smallArchive.toString()))));
    report.note(
        "A database of "
            + mb
            + " MB (hex text rows, so it compresses about 2:1); backup and restore include their"
            + " checks, which the note below gives apart, as it does a bare integrity check. Their"
            + " in-process time is the call alone, as the copy's is Files.copy alone: loading the"
            + " registry and configuring Strata are left out (so is loading SQLite's native"
            + " library). The backup's checks are the time they add after the copy: reading the"
            + " history, hashing the copy (sha256, CRC-32), and the integrity check, which runs on"
            + " a second thread from the start of the copy.");
    report.processTable(samples, COPY);
    double copyMs = Stats.of(samples.get(COPY), Sample::inProcessMs).median();
    double backupMs = Stats.of(samples.get(backupLarge), Sample::inProcessMs).median();
    double backupChecksMs = Stats.of(samples.get(backupLarge), Sample::partMs).median();
    double restoreMs = Stats.of(samples.get(RESTORE), Sample::inProcessMs).median();
    double restoreChecksMs = Stats.of(samples.get(RESTORE), Sample::partMs).median();
    report.note(
        "In-process medians: copy "
            + Report.num(copyMs, 0)
            + " ms; backup "
            + Report.num(backupMs, 0)
            + " ms, of which its checks "
            + Report.num(backupChecksMs, 0)
            + " ms; restore "
            + Report.num(restoreMs, 0)
            + " ms, of which its checks "
            + Report.num(restoreChecksMs, 0)
            + " ms.");
    double speed = copyMs / (backupMs - backupChecksMs);
    report.target(
        "6. backup copy phase, " + mb + " MB",
        "≥ 0.5× copy speed",
        Report.ratio(speed) + " (backup without its checks against the file copy, in-process)",
        speed >= 0.5);
    double rssSmall = Stats.of(samples.get(backupSmall), Sample::rssKb).median() / 1024;
    double rssLarge = Stats.of(samples.get(backupLarge), Sample::rssKb).median() / 1024;
    report.target(
        "6. backup peak RSS",
        "flat in the database size",
        Report.num(rssSmall, 0)
            + " MB at "
            + mb / 4
            + " MB, "
            + Report.num(rssLarge, 0)
            + " MB at "
            + mb
            + " MB",
        rssLarge <= rssSmall * 1.25);
  }

  /** A database with the first 100 migrations and a payload table of about {@code mb} MB. */
  private static Path filled(Harness h, String name, Harness.Registries registry, int mb) {
    Path db = h.freshDb(name);
    if (h.proc()
            .run(
                registry.classes(), StrataChild.class, "migrate", Harness.url(db), registry.names())
            .exitCode()
        != 0) {
      throw new IllegalStateException("migrating " + name + " failed:\n" + h.proc().lastFailure());
    }
    Bench.progress("  filling " + name + " to " + mb + " MB");
    try (Connection c = DriverManager.getConnection(Harness.url(db));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE payload (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      // 4 KB of hex text per row: 256 rows per MB.
      s.execute(
          "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < "
              + mb * 256
              + ") INSERT INTO payload (body) SELECT hex(randomblob(2048)) FROM n");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return db;
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
