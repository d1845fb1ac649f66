package dev.strata.internal.backup;

import dev.strata.BackupResult;
import dev.strata.StrataException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@link dev.strata.Strata#backup}: SQLite's online backup of the live database into a temporary
 * file beside the zip, {@code integrity_check} on that copy while another thread hashes it, then
 * the zip ({@code manifest.json} first, the database STORED: deflate would cost more time than the
 * space it saves is worth for a file the caller may compress anyway) written to a temporary file,
 * synced and moved over the target name, so a crash never leaves a partial zip under it. Memory
 * does not grow with the database: every pass streams through one buffer.
 */
public final class Backup {
  /** The zip's entries; a restore accepts no other. */
  static final String MANIFEST = "manifest.json";

  static final String DATABASE = "database.sqlite";

  private static final String BACKUPS_SUFFIX = ".strata-backups";

  private Backup() {}

  /**
   * Backs up the database {@code source} is open on (read-only is enough) into {@code zip}. SQLite
   * reads the file itself, through a connection of its own.
   *
   * @throws StrataException when the target's directory is missing or the copy fails its checks
   */
  public static BackupResult write(Connection source, Path zip, Duration lockTimeout)
      throws SQLException, IOException {
    Path target = zip.toAbsolutePath().normalize();
    Path dir = target.getParent();
    if (!Files.isDirectory(dir)) {
      throw new StrataException(
          "Cannot back up to " + target + ": the directory " + dir + " does not exist");
    }
    if (Files.isDirectory(target)) {
      throw new StrataException(
          "Cannot back up to " + target + ": it is a directory; name the zip file to write");
    }
    Path live =
        SqliteFile.mainFile(source)
            .orElseThrow(
                () ->
                    new StrataException(
                        "Cannot back up to "
                            + target
                            + ": the database has no file to copy (in memory?)"));
    String prefix = "." + target.getFileName() + "-";
    Path copy = Files.createTempFile(dir, prefix, ".db.tmp");
    Path partial = Files.createTempFile(dir, prefix, ".zip.tmp");
    try {
      long start = System.nanoTime();
      Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      long copied;
      SqliteFile.Inspection inspection;
      FileDigest digest;
      try (Connection connection = SqliteFile.open(copy, true)) {
        SqliteFile.snapshot(live, connection, lockTimeout);
        SqliteFile.selfContained(connection);
        copied = System.nanoTime();
        // The copy no longer changes: hash it on a second core while SQLite checks it.
        FutureTask<FileDigest> hashing = new FutureTask<>(() -> FileDigest.of(copy));
        Thread hasher = new Thread(hashing, "strata-backup-sha256");
        hasher.setDaemon(true);
        hasher.start();
        try {
          inspection = SqliteFile.inspect(connection, false);
        } catch (SQLException | RuntimeException e) {
          hashing.cancel(true);
          throw e;
        }
        digest = FileDigest.await(hashing, copy);
      }
      if (!inspection.integrity().equals(List.of("ok"))) {
        throw new StrataException(
            "The backup copy of the live database fails PRAGMA integrity_check, so the live"
                + " database is damaged; no backup was written to "
                + target
                + ": "
                + String.join("; ", inspection.integrity()));
      }
      long checked = System.nanoTime();
      Manifest manifest =
          Manifest.of(
              Manifest.lineage(inspection.history()),
              inspection.sqliteVersion(),
              createdAt,
              digest.size(),
              digest.sha256());
      writeZip(partial, manifest, copy, digest);
      move(partial, target);
      long written = System.nanoTime();
      return new BackupResult(
          target,
          manifest.schemaVersion(),
          digest.size(),
          digest.sha256(),
          Duration.ofNanos(copied - start),
          Duration.ofNanos(checked - copied),
          Duration.ofNanos(written - checked));
    } finally {
      SqliteFile.delete(copy);
      Files.deleteIfExists(partial);
    }
  }

  /**
   * Where a rollback of the database {@code source} is open on, at {@code version}, puts its
   * automatic backup: {@code <database>.strata-backups/<database name>-v<version>-<n>.zip} beside
   * it, with {@code n} one above the highest already there, so names are stable and never reused.
   */
  public static Path rollbackTarget(Connection source, long version)
      throws SQLException, IOException {
    Path file =
        SqliteFile.mainFile(source)
            .orElseThrow(
                () ->
                    new StrataException(
                        "the database has no file to keep a backup beside (in memory?); pass"
                            + " RollbackOption.NO_BACKUP"))
            .toAbsolutePath()
            .normalize();
    String name = file.getFileName().toString();
    Path dir = file.resolveSibling(name + BACKUPS_SUFFIX);
    Files.createDirectories(dir);
    Pattern numbered = Pattern.compile(Pattern.quote(name + "-v" + version + "-") + "(\\d+)\\.zip");
    long highest = 0;
    try (Stream<Path> listed = Files.list(dir)) {
      for (Path p : (Iterable<Path>) listed::iterator) {
        Matcher m = numbered.matcher(p.getFileName().toString());
        if (m.matches()) {
          highest = Math.max(highest, Long.parseLong(m.group(1)));
        }
      }
    }
    return dir.resolve(name + "-v" + version + "-" + (highest + 1) + ".zip");
  }

  private static void writeZip(Path zip, Manifest manifest, Path copy, FileDigest digest)
      throws IOException {
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(new BufferedOutputStream(file, 1 << 16))) {
      long time = manifest.createdAt().toEpochMilli();
      ZipEntry json = new ZipEntry(MANIFEST);
      json.setTime(time);
      out.putNextEntry(json);
      out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      ZipEntry database = new ZipEntry(DATABASE);
      database.setTime(time);
      database.setMethod(ZipEntry.STORED);
      database.setSize(digest.size());
      database.setCompressedSize(digest.size());
      database.setCrc(digest.crc32());
      out.putNextEntry(database);
      byte[] buffer = new byte[FileDigest.BUFFER];
      try (InputStream in = Files.newInputStream(copy)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
        }
      }
      out.closeEntry();
    }
    try (FileChannel channel = FileChannel.open(zip, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Moves atomically where the file system can, and syncs the directory's entry. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel dir = FileChannel.open(to.getParent(), StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory; the move itself is done.
    }
  }
}
