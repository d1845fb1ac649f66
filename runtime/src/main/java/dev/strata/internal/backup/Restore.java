package dev.strata.internal.backup;

import dev.strata.RestoreResult;
import dev.strata.StrataException;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.HistoryLock;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.sqlite.Connections;
import dev.strata.internal.sqlite.MissingDatabaseException;
import dev.strata.spi.MigrationDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@link dev.strata.Strata#restore}: everything is checked on a copy extracted beside the live
 * database before the live database is touched (the zip's entries and paths, the manifest, sizes,
 * the sha256, {@code integrity_check}, {@code foreign_key_check}, the copy's history against the
 * manifest and against the registry). Then SQLite's online backup copies the checked copy into the
 * live database in one write transaction: connections of any process see the old database or the
 * new one, never a mix, SQLite itself keeps the {@code -wal} consistent, and a process killed
 * meanwhile leaves an uncommitted transaction that SQLite ignores. That transaction holds the write
 * lock of every command's write path ({@code BEGIN IMMEDIATE}), so a concurrent {@code migrate()}
 * steps wholly before or after it, and re-reads the restored history under its lock.
 */
public final class Restore {
  private static final int MAX_MANIFEST_BYTES = 1 << 20;
  private static final byte[] ZIP_MAGIC = {'P', 'K'};

  private final Path zip;
  private final Connections connections;
  private final List<MigrationDescriptor> registry;
  private final Duration lockTimeout;
  private final boolean force;

  public Restore(
      Path zip,
      Connections connections,
      List<MigrationDescriptor> registry,
      Duration lockTimeout,
      boolean force) {
    this.zip = zip.toAbsolutePath().normalize();
    this.connections = connections;
    this.registry = List.copyOf(registry);
    this.lockTimeout = lockTimeout;
    this.force = force;
  }

  public RestoreResult run() throws SQLException, IOException {
    long start = System.nanoTime();
    Path live = liveFile();
    checkFile();
    Path copy =
        Files.createTempFile(live.getParent(), "." + live.getFileName() + "-restore-", ".tmp");
    try {
      Manifest manifest = extract(copy);
      List<String> forcedPast;
      long pageSize;
      try (Connection connection = SqliteFile.open(copy, false)) {
        forcedPast = check(connection, manifest);
        pageSize = livePageSize(live);
        if (pageSize > 0) {
          try (Statement statement = connection.createStatement()) {
            if (Long.parseLong(SqliteFile.lines(statement, "PRAGMA page_size").get(0))
                != pageSize) {
              SqliteFile.setPageSize(connection, pageSize);
            }
          }
        }
      }
      long checked = System.nanoTime();
      long previous = refuseRunningSteps(live);
      try (Connection connection = SqliteFile.open(copy, false)) {
        SqliteFile.copyInto(connection, live, lockTimeout);
      }
      long swapped = System.nanoTime();
      return new RestoreResult(
          zip,
          previous,
          manifest.schemaVersion(),
          forcedPast,
          manifest.sizeBytes(),
          Duration.ofNanos(checked - start),
          Duration.ofNanos(swapped - checked));
    } finally {
      SqliteFile.delete(copy);
    }
  }

  /** The live database's file, which need not exist yet. */
  private Path liveFile() throws SQLException {
    Optional<Path> file;
    try (Connection connection = connections.openReadOnly()) {
      file = SqliteFile.mainFile(connection);
    } catch (MissingDatabaseException e) {
      file = connections.file();
    }
    if (file.isEmpty()) {
      throw new StrataException(
          "Cannot restore "
              + zip
              + " into "
              + connections.describe()
              + ": restore replaces a database file, and this one has none (in memory?)");
    }
    return file.get().toAbsolutePath();
  }

  private void checkFile() throws IOException {
    if (!Files.exists(zip)) {
      throw refused("there is no file there");
    }
    if (!Files.isRegularFile(zip)) {
      throw refused("it is not a regular file");
    }
    if (Files.size(zip) == 0) {
      throw refused("the file is empty (0 bytes)");
    }
  }

  /**
   * Opens the zip, checks its entries and the manifest, and extracts the database to {@code to}.
   */
  private Manifest extract(Path to) throws IOException {
    ZipFile file;
    try {
      file = new ZipFile(zip.toFile());
    } catch (ZipException e) {
      throw refused(
          startsWithZipMagic()
              ? "it is a damaged or truncated zip file (" + e.getMessage() + ")"
              : "it is not a zip file; a Strata backup is the zip that Strata.backup writes");
    }
    try (file) {
      ZipEntry manifestEntry = null;
      ZipEntry databaseEntry = null;
      for (Enumeration<? extends ZipEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (unsafe(name)) {
          throw refused(
              "it holds an entry with an unsafe path, \""
                  + name
                  + "\", which would land outside the directory it is extracted to");
        }
        if (name.equals(Backup.MANIFEST)) {
          manifestEntry = entry;
        } else if (name.equals(Backup.DATABASE)) {
          databaseEntry = entry;
        } else {
          throw refused(
              "it holds an unexpected entry \""
                  + name
                  + "\"; a Strata backup holds only "
                  + Backup.MANIFEST
                  + " and "
                  + Backup.DATABASE);
        }
      }
      if (manifestEntry == null) {
        throw refused(
            "it has no " + Backup.MANIFEST + ", so it is not a Strata backup, or it was damaged");
      }
      if (databaseEntry == null) {
        throw refused("it has no " + Backup.DATABASE + " entry");
      }
      Manifest manifest = manifest(file, manifestEntry);
      if (databaseEntry.getSize() >= 0 && databaseEntry.getSize() != manifest.sizeBytes()) {
        throw refused(
            Backup.DATABASE
                + " declares "
                + databaseEntry.getSize()
                + " bytes, but "
                + Backup.MANIFEST
                + " says "
                + manifest.sizeBytes());
      }
      long free = Files.getFileStore(to.getParent()).getUsableSpace();
      if (manifest.sizeBytes() > free) {
        throw refused(
            "its database needs "
                + manifest.sizeBytes()
                + " bytes to be checked beside the live database, and only "
                + free
                + " are free in "
                + to.getParent());
      }
      String sha256 = copyBounded(file, databaseEntry, to, manifest.sizeBytes());
      if (!sha256.equals(manifest.sha256())) {
        throw refused(
            Backup.DATABASE
                + " has sha256 "
                + sha256
                + ", but "
                + Backup.MANIFEST
                + " says "
                + manifest.sha256()
                + ": the backup was altered or damaged");
      }
      return manifest;
    }
  }

  private Manifest manifest(ZipFile file, ZipEntry entry) throws IOException {
    byte[] bytes;
    try (InputStream in = file.getInputStream(entry)) {
      bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
    } catch (ZipException e) {
      throw refused(Backup.MANIFEST + " cannot be read (" + e.getMessage() + ")");
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      throw refused(Backup.MANIFEST + " is larger than " + MAX_MANIFEST_BYTES + " bytes");
    }
    try {
      return Manifest.parse(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw refused(Backup.MANIFEST + " " + e.getMessage());
    }
  }

  /**
   * Extracts at most {@code size} bytes, hashing them; an entry that inflates past the size it
   * declared (a zip bomb) is stopped one byte after it.
   */
  private String copyBounded(ZipFile file, ZipEntry entry, Path to, long size) throws IOException {
    MessageDigest sha = FileDigest.newSha256();
    byte[] buffer = new byte[FileDigest.BUFFER];
    long copied = 0;
    try (InputStream in = file.getInputStream(entry);
        OutputStream out = Files.newOutputStream(to)) {
      for (int n;
          (n = in.read(buffer, 0, (int) Math.min(buffer.length, size + 1 - copied))) > 0; ) {
        copied += n;
        if (copied > size) {
          throw refused(
              Backup.DATABASE
                  + " inflates past its declared size of "
                  + size
                  + " bytes (a zip bomb?); extraction was stopped there");
        }
        sha.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (ZipException | java.io.EOFException e) {
      throw refused(Backup.DATABASE + " cannot be read (" + e.getMessage() + ")");
    }
    if (copied < size) {
      throw refused(Backup.DATABASE + " holds " + copied + " bytes, but its manifest says " + size);
    }
    return FileDigest.hex(sha);
  }

  /** The checks of the extracted copy; returns the compatibility refusals that FORCE overrode. */
  private List<String> check(Connection copy, Manifest manifest) {
    SqliteFile.Inspection inspection;
    try {
      inspection = SqliteFile.inspect(copy, true);
    } catch (SQLException | StrataException e) {
      throw refused(
          Backup.DATABASE + " is not a readable SQLite database (" + e.getMessage() + ")");
    }
    if (!inspection.integrity().equals(List.of("ok"))) {
      throw refused(
          Backup.DATABASE
              + " fails PRAGMA integrity_check: "
              + String.join("; ", inspection.integrity()));
    }
    if (!inspection.foreignKeys().isEmpty()) {
      throw refused(
          Backup.DATABASE
              + " fails PRAGMA foreign_key_check: "
              + String.join("; ", inspection.foreignKeys()));
    }
    List<Manifest.Applied> lineage = Manifest.lineage(inspection.history());
    if (!lineage.equals(manifest.lineage())) {
      throw refused(
          Backup.MANIFEST
              + " does not describe the database inside: its lineage ends at version "
              + manifest.schemaVersion()
              + ", the database's history at "
              + (lineage.isEmpty() ? 0 : lineage.get(lineage.size() - 1).version()));
    }
    List<String> problems = Compatibility.problems(lineage, registry);
    if (!problems.isEmpty() && !force) {
      throw refused(
          String.join("; ", problems)
              + ". Restore it with the application version it belongs to, or pass"
              + " RestoreOption.FORCE (strata restore --force) to restore it anyway");
    }
    return problems;
  }

  private long livePageSize(Path live) throws SQLException {
    if (!Files.exists(live)) {
      return 0;
    }
    try (Connection connection = connections.openReadOnly();
        Statement statement = connection.createStatement()) {
      return Long.parseLong(SqliteFile.lines(statement, "PRAGMA page_size").get(0));
    } catch (MissingDatabaseException e) {
      return 0;
    }
  }

  /**
   * Under the write lock, the live history: a step claimed to run outside a transaction whose
   * claimant still runs would finish its work in the restored database, so restore refuses. Returns
   * the live head.
   */
  private long refuseRunningSteps(Path live) throws SQLException {
    if (!Files.exists(live)) {
      return 0; // the copy creates it, with its own page size
    }
    try (Connection connection = connections.open(true);
        HistoryLock lock =
            HistoryLock.take(connection, lockTimeout, "the write lock to restore " + zip)) {
      List<HistoryRow> rows = lock.history().rows();
      Set<Long> dead = ClaimLock.deadClaims(connection, rows);
      List<Long> running = new ArrayList<>();
      for (HistoryRow row : rows) {
        if (!row.success() && !row.recordedFailed() && !dead.contains(row.version())) {
          running.add(row.version());
        }
      }
      if (!running.isEmpty()) {
        throw refused(
            "migration(s) "
                + running
                + " of the live database are running outside a transaction; wait until they"
                + " finish");
      }
      return Manifest.lineage(rows).stream().mapToLong(Manifest.Applied::version).max().orElse(0);
    }
  }

  private boolean startsWithZipMagic() throws IOException {
    try (InputStream in = Files.newInputStream(zip)) {
      byte[] head = in.readNBytes(2);
      return head.length == 2 && head[0] == ZIP_MAGIC[0] && head[1] == ZIP_MAGIC[1];
    }
  }

  /** An absolute path, a drive, a backslash or a {@code ..} segment. */
  static boolean unsafe(String name) {
    if (name.startsWith("/") || name.contains("\\") || name.contains(":")) {
      return true;
    }
    for (String segment : name.split("/", -1)) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  private StrataException refused(String why) {
    return new StrataException(
        "Cannot restore " + zip + ": " + why + ". The live database was not changed.");
  }
}
