package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two ways a backup copies the database: the live file itself, pinned by a read transaction
 * (WAL and rollback-journal databases), and SQLite's online backup when an older reader keeps the
 * WAL from being checkpointed; and a zip in the layout of earlier versions, which still restores.
 */
class BackupPathsTest {
  @TempDir Path dir;

  @Test
  void aWalDatabaseIsCopiedPinnedIntoAStandardZipOfASelfContainedDatabase() throws Exception {
    Path live = dir.resolve("wal.db");
    Bank.populate(live, 50, 500, 64, "wal");
    assertEquals(List.of("wal"), Db.column(live, "PRAGMA journal_mode"));
    BackupResult backup;
    try (BackupLog log = new BackupLog()) {
      backup = Bank.strata(live).backup(dir.resolve("wal.zip"));
      assertEquals(1, log.paths().size(), log.paths().toString());
      assertTrue(log.paths().get(0).contains(BackupLog.PINNED), log.paths().toString());
    }

    // Read as a stream, which checks each entry's CRC-32 and size against its header.
    List<String> names = new ArrayList<>();
    byte[] database = null;
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(backup.file()))) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        names.add(entry.getName());
        byte[] bytes = zip.readAllBytes();
        if (entry.getName().equals("database.sqlite")) {
          database = bytes;
        }
      }
    }
    assertEquals(List.of("manifest.json", "database.sqlite"), names);
    assertEquals(backup.databaseSizeBytes(), database.length);
    assertEquals(backup.sha256(), BackupRestoreTest.sha256(database));
    // Bytes 18 and 19 of the header: 1 is a rollback journal, 2 WAL (which needs a -wal beside).
    assertEquals(1, database[18]);
    assertEquals(1, database[19]);
    Path extracted = Files.write(dir.resolve("extracted.db"), database);
    assertEquals(List.of("delete"), Db.column(extracted, "PRAGMA journal_mode"));
    assertEquals(List.of("ok"), Db.column(extracted, "PRAGMA integrity_check"));
    assertEquals(Bank.contents(live), Bank.contents(extracted));
    assertEquals(List.of("wal"), Db.column(live, "PRAGMA journal_mode"));
  }

  @Test
  void anOlderReaderPinningWalFramesMakesItTakeTheOnlineBackupOfTheLatestCommit() throws Exception {
    Path live = dir.resolve("pinned.db");
    Bank.populate(live, 50, 200, 64, "before");
    try (Connection reader = Bank.connect(live);
        Statement read = reader.createStatement();
        Connection writer = Bank.connect(live);
        Statement write = writer.createStatement();
        BackupLog log = new BackupLog()) {
      read.execute("BEGIN");
      assertEquals(200, Bank.single(read, "SELECT count(*) FROM ledger"));
      // Committed after the reader's snapshot: these frames cannot go into the file yet.
      write.execute("UPDATE meta SET label = 'after'");
      write.execute("INSERT INTO customer VALUES (1000, 'late customer')");

      BackupResult backup = Bank.strata(live).backup(dir.resolve("pinned.zip"));

      assertEquals(1, log.paths().size(), log.paths().toString());
      assertTrue(log.paths().get(0).contains(BackupLog.ONLINE), log.paths().toString());
      assertTrue(log.paths().get(0).contains("reader of an older snapshot"), log.paths().get(0));
      assertEquals(200, Bank.single(read, "SELECT count(*) FROM ledger")); // still its snapshot
      read.execute("COMMIT");

      Path restored = dir.resolve("restored.db");
      Bank.strata(restored).restore(backup.file());
      assertEquals(List.of("after"), Db.column(restored, "SELECT label FROM meta"));
      assertEquals(
          List.of("late customer"),
          Db.column(restored, "SELECT name FROM customer WHERE id = 1000"));
      assertEquals(Bank.contents(live), Bank.contents(restored));
    }
  }

  @Test
  void aRollbackJournalDatabaseIsCopiedPinnedAndStaysInItsMode() throws Exception {
    Path live = dir.resolve("journal.db");
    Bank.populate(live, 50, 500, 64, "journal");
    try (Connection c = Bank.connect(live);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode = DELETE");
    }
    String contents = Bank.contents(live);
    BackupResult backup;
    try (BackupLog log = new BackupLog()) {
      backup = Bank.strata(live).backup(dir.resolve("journal.zip"));
      assertTrue(log.paths().get(0).contains(BackupLog.PINNED), log.paths().toString());
    }
    assertEquals(Files.size(live), backup.databaseSizeBytes());
    assertEquals(List.of("delete"), Db.column(live, "PRAGMA journal_mode"));
    assertTrue(Files.notExists(Path.of(live + "-wal")));

    Path restored = dir.resolve("restored.db");
    Bank.strata(restored).restore(backup.file());
    assertEquals(contents, Bank.contents(restored));
    assertEquals(List.of("ok"), Db.column(restored, "PRAGMA integrity_check"));
  }

  /**
   * {@code old-format-backup.zip} was written by the backup of earlier versions ({@code
   * ZipOutputStream}: the manifest deflated, the database a copy by SQLite's online backup).
   */
  @Test
  void aBackupInTheEarlierLayoutStillRestores() throws Exception {
    Path zip = dir.resolve("old-format-backup.zip");
    try (InputStream in = getClass().getResourceAsStream("old-format-backup.zip")) {
      Files.copy(in, zip);
    }
    Path inside = dir.resolve("inside.db");
    try (ZipFile file = new ZipFile(zip.toFile())) {
      assertEquals(ZipEntry.DEFLATED, file.getEntry("manifest.json").getMethod());
      String manifest =
          new String(
              file.getInputStream(file.getEntry("manifest.json")).readAllBytes(),
              StandardCharsets.UTF_8);
      assertTrue(manifest.contains("\"formatVersion\": 1"), manifest);
      Files.copy(file.getInputStream(file.getEntry("database.sqlite")), inside);
    }
    Path live = dir.resolve("live.db");
    Bank.populate(live, 5, 5, 8, "live");

    RestoreResult restored = Bank.strata(live).restore(zip);

    assertEquals(2, restored.restoredVersion());
    assertEquals(Bank.contents(inside), Bank.contents(live));
    assertEquals(List.of("old format"), Db.column(live, "SELECT label FROM meta"));
    assertEquals(List.of("40"), Db.column(live, "SELECT count(*) FROM ledger"));
    try (Connection c = Bank.connect(live)) {
      assertEquals("", Bank.broken(c));
    }
  }
}
