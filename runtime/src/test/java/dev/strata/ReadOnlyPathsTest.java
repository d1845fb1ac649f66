package dev.strata;

import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * info(), validate() and a migrate() refused before its first write open the database read-only and
 * set no PRAGMA that writes: the main file stays byte-identical, a rollback-journal database gets
 * no side file, and nothing is created where no database is.
 */
class ReadOnlyPathsTest {
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

  /** A database at versions 1 and 3, as a rollback-journal (DELETE) file with no side files. */
  private void rollbackJournalDatabase() {
    strata(V1, V3).migrate();
    Db.exec(db(), "PRAGMA journal_mode = DELETE");
    assertEquals(List.of("delete"), Db.column(db(), "PRAGMA journal_mode"));
    assertEquals(List.of("app.db"), files());
  }

  private List<String> files() {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private record Snapshot(String sha256, FileTime modified, List<String> files) {}

  private Snapshot snapshot() {
    try {
      return new Snapshot(
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(db()))),
          Files.getLastModifiedTime(db()),
          files());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The calls that must not write: info, validate, and migrates refused before writing. */
  private void readOnlyCalls() {
    assertEquals(
        List.of(MigrationState.APPLIED, MigrationState.OUT_OF_ORDER, MigrationState.APPLIED),
        strata(V1, V2, V3).info().migrations().stream().map(MigrationInfo::state).toList());
    ValidateResult result = strata(V1, V2, V3).validate();
    assertEquals(1, result.issues().size(), result.toString());

    ValidationException outOfOrder =
        assertThrows(ValidationException.class, () -> strata(V1, V2, V3).migrate());
    assertTrue(outOfOrder.getMessage().contains("2"), outOfOrder.getMessage());
    MigrationDescriptor edited =
        sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY, name TEXT)");
    ValidationException checksum =
        assertThrows(ValidationException.class, () -> strata(edited, V3).migrate());
    assertTrue(checksum.getMessage().contains("1"), checksum.getMessage());
  }

  @Test
  void aRollbackJournalDatabaseIsByteIdenticalAndGetsNoSideFile() {
    rollbackJournalDatabase();
    Snapshot before = snapshot();

    readOnlyCalls();

    assertEquals(before, snapshot());
    assertEquals(List.of("delete"), Db.column(db(), "PRAGMA journal_mode"));
  }

  @Test
  void aWalDatabaseKeepsItsMainFileByteIdentical() {
    strata(V1, V3).migrate();
    Db.exec(db(), "PRAGMA wal_checkpoint(TRUNCATE)");
    Snapshot before = snapshot();

    readOnlyCalls();

    assertEquals(before.sha256(), snapshot().sha256());
    assertEquals(before.modified(), snapshot().modified());
  }

  @Test
  void aReadOnlyFileIsReadAndNamedWhenMigrateMustWrite() throws Exception {
    rollbackJournalDatabase();
    Snapshot before = snapshot();
    try (ReadOnly readOnly = ReadOnly.make(db())) {
      readOnlyCalls();
      assertEquals(before, snapshot());

      if (readOnly.enforced()) {
        StrataException e = assertThrows(StrataException.class, () -> strata(V1, V3).migrate());
        assertTrue(
            e.getMessage().contains("the database file " + db() + " is read-only"), e.getMessage());
        assertEquals(before, snapshot());
      }
    }
  }

  @Test
  void aReadOnlyDirectoryIsNamedWhenSqliteMustCreateTheWal() throws Exception {
    rollbackJournalDatabase();
    Snapshot before = snapshot();
    try (ReadOnly readOnly = ReadOnly.make(dir)) {
      readOnlyCalls();
      assertEquals(before, snapshot());

      if (readOnly.enforced()) {
        StrataException e = assertThrows(StrataException.class, () -> strata(V1, V3).migrate());
        assertTrue(
            e.getMessage().contains("the directory " + dir + " is read-only, and SQLite must"),
            e.getMessage());
        assertEquals(before, snapshot());
      }
    }
  }

  @Test
  void infoOnAMissingDatabaseListsEveryMigrationAsPendingAndCreatesNothing() {
    Path typo = dir.resolve("tpyo.db");
    Strata strata = Strata.configure().url(Db.url(typo)).registry(registry(V1, V2)).load();

    assertEquals(
        List.of(MigrationState.PENDING, MigrationState.PENDING),
        strata.info().migrations().stream().map(MigrationInfo::state).toList());
    StrataException e = assertThrows(StrataException.class, strata::validate);
    assertTrue(
        e.getMessage().contains("No database at jdbc:sqlite:" + typo + ": it is opened without"),
        e.getMessage());
    assertEquals(List.of(), files());
  }

  /**
   * Makes a file or directory read-only for this process: permissions first, and {@code chattr +i}
   * when they do not bind (root ignores them). {@link #enforced()} says whether it worked.
   */
  private static final class ReadOnly implements AutoCloseable {
    private final Path path;
    private final Set<PosixFilePermission> permissions;
    private final boolean immutable;

    private ReadOnly(Path path, Set<PosixFilePermission> permissions, boolean immutable) {
      this.path = path;
      this.permissions = permissions;
      this.immutable = immutable;
    }

    static ReadOnly make(Path path) throws IOException, InterruptedException {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
      Files.setPosixFilePermissions(
          path,
          PosixFilePermissions.fromString(Files.isDirectory(path) ? "r-xr-xr-x" : "r--r--r--"));
      boolean immutable = false;
      if (Files.isWritable(path)) {
        immutable = chattr("+i", path) && !Files.isWritable(path);
      }
      return new ReadOnly(path, permissions, immutable);
    }

    boolean enforced() {
      return !Files.isWritable(path);
    }

    private static boolean chattr(String flag, Path path) throws InterruptedException {
      try {
        Process process =
            new ProcessBuilder("chattr", flag, path.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return process.waitFor() == 0;
      } catch (IOException e) {
        return false;
      }
    }

    @Override
    public void close() throws IOException, InterruptedException {
      if (immutable) {
        chattr("-i", path);
      }
      Files.setPosixFilePermissions(path, permissions);
    }
  }
}
