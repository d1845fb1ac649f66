package dev.strata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} and {@code restore} on real files: a round trip, the manifest, the rollback's
 * automatic backup, and every bad input refused with the live file's sha256 unchanged.
 */
class BackupRestoreTest {
  @TempDir Path dir;

  private Path live;
  private Path good;
  private String goodManifest;
  private byte[] goodDatabase;

  @BeforeEach
  void setUp() throws Exception {
    Path source = dir.resolve("source.db");
    Bank.populate(source, 200, 2_000, 64, "backed-up");
    good = Bank.strata(source).backup(dir.resolve("good.zip")).file();
    try (ZipFile zip = new ZipFile(good.toFile())) {
      goodManifest =
          new String(
              zip.getInputStream(zip.getEntry("manifest.json")).readAllBytes(),
              StandardCharsets.UTF_8);
      goodDatabase = zip.getInputStream(zip.getEntry("database.sqlite")).readAllBytes();
    }
    live = dir.resolve("live.db");
    Bank.populate(live, 50, 100, 16, "live");
  }

  @Test
  void roundTripKeepsEveryRowAndForeignKey() throws Exception {
    Path file = dir.resolve("round.db");
    Bank.populate(file, 300, 3_000, 100, "round");
    String before = Bank.contents(file);

    BackupResult backup = Bank.strata(file).backup(dir.resolve("round.zip"));
    // Change everything after the backup: rows, a table, and the history.
    try (Connection c = Bank.connect(file);
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM ledger WHERE id % 3 = 0");
      s.execute("UPDATE meta SET label = 'changed'");
    }
    Bank.strata(file, List.of(Bank.V1, Bank.V2, Bank.V3)).migrate();
    assertNotEquals(before, Bank.contents(file));

    RestoreResult restored =
        Bank.strata(file).restore(backup.file(), RestoreOption.FORCE); // live is at v3 now

    assertEquals(before, Bank.contents(file));
    assertEquals(3, restored.previousVersion());
    assertEquals(2, restored.restoredVersion());
    assertEquals(List.of(), restored.forcedPast());
    assertEquals(2, backup.schemaVersion());
    assertEquals(Files.size(file), backup.databaseSizeBytes());
    assertEquals(List.of(), Db.column(file, "PRAGMA foreign_key_check"));
    assertEquals(List.of("ok"), Db.column(file, "PRAGMA integrity_check"));
    assertTrue(Bank.strata(file).validate().valid());
    try (Connection c = Bank.connect(file)) {
      assertEquals("", Bank.broken(c));
    }
  }

  @Test
  void manifestDescribesTheCopy() throws Exception {
    assertTrue(goodManifest.contains("\"formatVersion\": 1"), goodManifest);
    assertTrue(goodManifest.contains("\"schemaVersion\": 2"), goodManifest);
    assertTrue(goodManifest.contains("\"headChecksum\": \"" + Bank.V2.checksum() + "\""));
    assertTrue(goodManifest.contains("\"checksum\": \"" + Bank.V1.checksum() + "\""));
    assertTrue(goodManifest.contains("\"sizeBytes\": " + goodDatabase.length), goodManifest);
    assertTrue(goodManifest.contains("\"sha256\": \"" + sha256(goodDatabase) + "\""));
    assertTrue(goodManifest.contains("\"sqliteVersion\": \"3."), goodManifest);
    assertTrue(goodManifest.contains("\"createdAt\": \"20"), goodManifest);
    try (ZipFile zip = new ZipFile(good.toFile())) {
      assertEquals(ZipEntry.STORED, zip.getEntry("database.sqlite").getMethod());
      assertEquals(2, zip.size());
    }
    // Nothing but the zip is left in the directory: no temporary copy, no partial zip.
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of(),
          files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList());
    }
  }

  @Test
  void rollbackTakesItsBackupThroughBackupAndItRestores() throws Exception {
    Path file = dir.resolve("app.db");
    Bank.populate(file, 20, 50, 8, "before rollback");
    String before = Bank.contents(file);
    List<dev.strata.spi.MigrationDescriptor> chain = List.of(Bank.V1, Bank.V2, Bank.V3);
    Bank.strata(file, chain).migrate();
    String atThree = Bank.contents(file);

    RollbackResult first = Bank.strata(file, chain).rollbackTo(2);
    Bank.strata(file, chain).migrate();
    RollbackResult second = Bank.strata(file, chain).rollbackTo(2);

    Path backups = dir.resolve("app.db.strata-backups");
    assertEquals(java.util.Optional.of(backups.resolve("app.db-v3-1.zip")), first.backup());
    assertEquals(java.util.Optional.of(backups.resolve("app.db-v3-2.zip")), second.backup());
    assertTrue(Files.isRegularFile(first.backup().orElseThrow()));
    assertEquals(before, Bank.contents(file)); // at version 2 again

    RestoreResult restored = Bank.strata(file, chain).restore(first.backup().orElseThrow());

    assertEquals(3, restored.restoredVersion());
    assertEquals(atThree, Bank.contents(file));
    assertTrue(Bank.strata(file, chain).validate().valid());
  }

  @Test
  void anOlderBackupRestoresAndValidateReportsWhatIsPending() throws Exception {
    Path file = dir.resolve("older.db");
    Bank.populate(file, 5, 5, 8, "older");
    Path zip = Bank.strata(file).backup(dir.resolve("older.zip")).file();
    List<dev.strata.spi.MigrationDescriptor> chain = List.of(Bank.V1, Bank.V2, Bank.V3);
    Bank.strata(file, chain).migrate();

    Bank.strata(file, chain).restore(zip);

    ValidateResult validation = Bank.strata(file, chain).validate();
    assertTrue(validation.valid(), validation.render());
    assertEquals(1, validation.pending());
    assertEquals(3, Bank.strata(file, chain).migrate().currentVersion());
  }

  @Test
  void aBackupWithAnotherPageSizeIsRewrittenToTheLiveOne() throws Exception {
    Path other = dir.resolve("pages.db");
    try (Connection c = java.sql.DriverManager.getConnection(Db.url(other));
        Statement s = c.createStatement()) {
      s.execute("PRAGMA page_size = 8192");
      s.execute("CREATE TABLE scratch (a)");
      s.execute("DROP TABLE scratch");
    }
    Bank.populate(other, 30, 300, 64, "pages");
    String contents = Bank.contents(other);
    Path zip = Bank.strata(other).backup(dir.resolve("pages.zip")).file();
    assertEquals(List.of("8192"), Db.column(other, "PRAGMA page_size"));
    assertEquals(List.of("4096"), Db.column(live, "PRAGMA page_size"));

    Bank.strata(live).restore(zip);

    assertEquals(contents, Bank.contents(live));
    assertEquals(List.of("4096"), Db.column(live, "PRAGMA page_size"));
    assertEquals(List.of("wal"), Db.column(live, "PRAGMA journal_mode"));
  }

  // ---- bad input: each refused with a clear message, the live file unchanged ----

  @Test
  void truncatedZip() throws Exception {
    byte[] bytes = Files.readAllBytes(good);
    assertRefused(
        write("truncated.zip", Arrays.copyOf(bytes, bytes.length / 2)),
        "damaged or truncated zip file");
  }

  @Test
  void corruptedDatabaseInside() throws Exception {
    byte[] corrupted = goodDatabase.clone();
    // Scribble over the middle pages (b-tree pages of the ledger), keeping page 1 intact.
    for (int i = 8192; i < corrupted.length - 4096; i += 4096) {
      Arrays.fill(corrupted, i + 100, i + 300, (byte) 0x5a);
    }
    assertRefused(zip("corrupted.zip", withSha(corrupted), corrupted), "database.sqlite");
  }

  @Test
  void wrongSha256() throws Exception {
    String manifest = goodManifest.replace(sha256(goodDatabase), "0".repeat(64));
    assertRefused(
        zip("wrong-sha.zip", manifest, goodDatabase),
        "but manifest.json says " + "0".repeat(64) + ": the backup was altered or damaged");
  }

  @Test
  void missingManifest() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("database.sqlite", goodDatabase);
    assertRefused(zip("no-manifest.zip", entries), "it has no manifest.json");
  }

  @Test
  void newerSchema() throws Exception {
    Path newer = dir.resolve("newer.db");
    Bank.populate(newer, 3, 3, 8, "newer");
    Bank.strata(newer, List.of(Bank.V1, Bank.V2, Bank.V3)).migrate();
    Path zip =
        Bank.strata(newer, List.of(Bank.V1, Bank.V2, Bank.V3)).backup(dir.resolve("n.zip")).file();
    assertRefused(zip, "its schema is newer than the application's: it has migration(s) [3]");
  }

  @Test
  void divergentLineage() throws Exception {
    Path other = dir.resolve("other.db");
    Bank.strata(other, List.of(Bank.V1, Bank.V2_EDITED)).migrate();
    Path zip =
        Bank.strata(other, List.of(Bank.V1, Bank.V2_EDITED)).backup(dir.resolve("o.zip")).file();
    assertRefused(zip, "its lineage diverges from the registry's: migration 2 has checksum");
  }

  @Test
  void forceRestoresAnIncompatibleButSoundBackup() throws Exception {
    Path other = dir.resolve("other.db");
    Bank.strata(other, List.of(Bank.V1, Bank.V2_EDITED)).migrate();
    Path zip =
        Bank.strata(other, List.of(Bank.V1, Bank.V2_EDITED)).backup(dir.resolve("o.zip")).file();

    RestoreResult result = Bank.strata(live).restore(zip, RestoreOption.FORCE);

    assertEquals(1, result.forcedPast().size());
    assertTrue(result.forcedPast().get(0).contains("diverges"), result.forcedPast().toString());
    assertEquals(
        List.of("extra"),
        Db.column(live, "SELECT name FROM pragma_table_info('ledger') WHERE name = 'extra'"));
    assertTrue(!Bank.strata(live).validate().valid()); // validate names the edited migration
  }

  @Test
  void notAZip() throws Exception {
    assertRefused(
        write("notes.zip", "just some notes\n".getBytes(StandardCharsets.UTF_8)),
        "it is not a zip file");
  }

  @Test
  void zipHoldingSomethingElseThanADatabase() throws Exception {
    byte[] text = "id,name\n1,not a database\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    assertRefused(
        zip("text.zip", withSha(text), text), "database.sqlite is not a readable SQLite database");
  }

  @Test
  void emptyFile() throws Exception {
    assertRefused(write("empty.zip", new byte[0]), "the file is empty (0 bytes)");
  }

  @Test
  void pathTraversalEntry() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("manifest.json", goodManifest.getBytes(StandardCharsets.UTF_8));
    entries.put("database.sqlite", goodDatabase);
    entries.put("../x", "escape".getBytes(StandardCharsets.UTF_8));
    assertRefused(zip("traversal.zip", entries), "an entry with an unsafe path, \"../x\"");
  }

  @Test
  void zipBomb() throws Exception {
    // The entry declares the real size, but its deflated data goes on with 64 MB of zeros.
    byte[] bomb = Arrays.copyOf(goodDatabase, goodDatabase.length + (64 << 20));
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("manifest.json", goodManifest.getBytes(StandardCharsets.UTF_8));
    entries.put("database.sqlite", bomb);
    byte[] zip = zipBytes(entries, ZipEntry.DEFLATED);
    declareSize(zip, "database.sqlite", goodDatabase.length);
    assertRefused(
        write("bomb.zip", zip),
        "database.sqlite inflates past its declared size of " + goodDatabase.length + " bytes");
  }

  private void assertRefused(Path zip, String expected) throws Exception {
    String before = sha256(Files.readAllBytes(live));
    StrataException e = assertThrows(StrataException.class, () -> Bank.strata(live).restore(zip));
    System.out.println("[restore refused] " + zip.getFileName() + ": " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertTrue(e.getMessage().startsWith("Cannot restore " + zip), e.getMessage());
    assertTrue(e.getMessage().endsWith("The live database was not changed."), e.getMessage());
    assertEquals(before, sha256(Files.readAllBytes(live)));
    assertEquals("live", Db.column(live, "SELECT label FROM meta").get(0));
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of(),
          files.map(p -> p.getFileName().toString()).filter(n -> n.contains("-restore-")).toList());
    }
  }

  private String withSha(byte[] database) {
    return goodManifest
        .replace(sha256(goodDatabase), sha256(database))
        .replace("\"sizeBytes\": " + goodDatabase.length, "\"sizeBytes\": " + database.length);
  }

  private Path zip(String name, String manifest, byte[] database) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
    entries.put("database.sqlite", database);
    return zip(name, entries);
  }

  private Path zip(String name, Map<String, byte[]> entries) throws Exception {
    return write(name, zipBytes(entries, ZipEntry.DEFLATED));
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] zipBytes(Map<String, byte[]> entries, int method) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setMethod(method);
        out.putNextEntry(entry);
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** Rewrites the uncompressed size that the central directory declares for {@code name}. */
  private static void declareSize(byte[] zip, String name, int size) {
    ByteBuffer buffer = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 < zip.length; i++) {
      if (buffer.getInt(i) == 0x02014b50
          && buffer.getShort(i + 28) == wanted.length
          && Arrays.equals(zip, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
        buffer.putInt(i + 24, size);
        return;
      }
    }
    throw new AssertionError("no central directory entry " + name);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
