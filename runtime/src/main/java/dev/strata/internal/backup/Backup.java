package dev.strata.internal.backup;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.strata.BackupResult;
import dev.strata.StrataException;
import dev.strata.internal.history.HistoryTable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.sqlite.SQLiteConnection;

/**
 * {@link dev.strata.Strata#backup}: the zip ({@code manifest.json} first, then the database STORED:
 * deflate would cost more time than the space it saves is worth for a file the caller may compress
 * anyway) is written to a temporary file beside the target, synced and moved over the target name,
 * so a crash never leaves a partial zip under it.
 *
 * <p>The database's bytes come from a {@link Source}: where it can, the live file itself, {@link
 * PinnedFile pinned} by a read transaction under which it does not change, copied once into the zip
 * by the kernel while {@code integrity_check} runs on that same transaction; else (an older reader
 * keeps the WAL from being checkpointed, no {@code cat}) SQLite's online backup into a temporary
 * copy, as before. Then one pass over the zip's database entry computes its sha256 and CRC-32, and
 * the manifest and headers are completed. Memory does not grow with the database: every pass
 * streams through one buffer or none.
 */
public final class Backup {
  /** The zip's entries; a restore accepts no other. */
  static final String MANIFEST = "manifest.json";

  static final String DATABASE = "database.sqlite";

  private static final String BACKUPS_SUFFIX = ".strata-backups";
  private static final System.Logger LOG = System.getLogger("dev.strata");
  private static final String NO_SHA256_YET = "0".repeat(64);

  private Backup() {}

  /**
   * Where a backup's database bytes come from, and the connection whose snapshot they are, for the
   * checks.
   */
  interface Source extends AutoCloseable {
    /** A connection in the snapshot's transaction; one thread at a time. */
    Connection connection();

    /** The database's size in bytes: its pages. */
    long size();

    /** Writes {@code prefix} and then the database's bytes into the new, empty file {@code to}. */
    void copyInto(Path to, byte[] prefix) throws IOException;

    @Override
    void close() throws IOException;
  }

  /**
   * Backs up the database {@code source} is open on (read-only is enough) into {@code zip}. The
   * database is read through connections of its own.
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
    Path partial = Files.createTempFile(dir, prefix, ".zip.tmp");
    try {
      long start = System.nanoTime();
      Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      try (Source from = source(live, dir, prefix, lockTimeout)) {
        Connection connection = from.connection();
        long reading = System.nanoTime();
        List<Manifest.Applied> lineage = lineage(connection, target);
        String sqliteVersion = SqliteFile.sqliteVersion(connection);
        // Reading the history is a check (BackupResult#checkTime), though the copy waits for it.
        long historyRead = System.nanoTime() - reading;
        long size = from.size();
        byte[] placeholder =
            Manifest.of(lineage, sqliteVersion, createdAt, size, NO_SHA256_YET)
                .toJson()
                .getBytes(UTF_8);
        BackupZip layout = new BackupZip(placeholder.length, size, createdAt);
        // The check reads the snapshot on another core while the copy is made and hashed.
        FutureTask<List<String>> checking =
            new FutureTask<>(() -> SqliteFile.integrity(connection));
        Thread checker = new Thread(checking, "strata-backup-integrity-check");
        checker.setDaemon(true);
        checker.start();
        boolean checked = false;
        try {
          from.copyInto(partial, layout.prefix(placeholder));
          long copied = System.nanoTime();
          FileDigest digest;
          try (FileChannel channel =
              FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            selfContained(channel, layout.databaseOffset());
            digest = FileDigest.of(channel, layout.databaseOffset(), size);
            refuseIfDamaged(await(checking, live), target);
            checked = true;
            long verified = System.nanoTime();
            Manifest manifest =
                Manifest.of(lineage, sqliteVersion, createdAt, size, digest.sha256());
            layout.finish(channel, manifest.toJson().getBytes(UTF_8), digest.crc32());
            channel.force(true);
            move(partial, target);
            long written = System.nanoTime();
            return new BackupResult(
                target,
                manifest.schemaVersion(),
                size,
                digest.sha256(),
                Duration.ofNanos(copied - start - historyRead),
                Duration.ofNanos(verified - copied + historyRead),
                Duration.ofNanos(written - verified));
          }
        } finally {
          if (!checked) {
            stop(checking, checker, connection);
          }
        }
      }
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** The pinned live file where possible, else SQLite's online backup into a temporary copy. */
  private static Source source(Path live, Path dir, String prefix, Duration lockTimeout)
      throws SQLException, IOException {
    try {
      PinnedFile pinned = PinnedFile.pin(live, lockTimeout);
      LOG.log(Level.DEBUG, () -> "backup of " + live + ": copying the pinned file itself");
      return pinned;
    } catch (PinnedFile.Unavailable e) {
      LOG.log(
          Level.DEBUG,
          () ->
              "backup of "
                  + live
                  + ": SQLite's online backup into a temporary copy, as the file cannot be"
                  + " pinned: "
                  + e.getMessage());
      return OnlineCopy.take(live, dir, prefix, lockTimeout);
    }
  }

  /** The snapshot's lineage; a history that cannot be read is first checked for damage. */
  private static List<Manifest.Applied> lineage(Connection connection, Path target)
      throws SQLException {
    try {
      return Manifest.lineage(new HistoryTable(connection).rows());
    } catch (SQLException | RuntimeException e) {
      refuseIfDamaged(SqliteFile.integrity(connection), target);
      throw e;
    }
  }

  private static void refuseIfDamaged(List<String> integrity, Path target) {
    if (!integrity.equals(List.of("ok"))) {
      throw new StrataException(
          "The backup copy of the live database fails PRAGMA integrity_check, so the live"
              + " database is damaged; no backup was written to "
              + target
              + ": "
              + String.join("; ", integrity));
    }
  }

  /**
   * Makes the zip's copy a rollback-journal database, which needs no {@code -wal} or {@code -shm}
   * beside it: a WAL database says so in its header (bytes 18 and 19 are 2, and 1 otherwise).
   */
  private static void selfContained(FileChannel zip, long databaseOffset) throws IOException {
    ByteBuffer versions = ByteBuffer.allocate(2);
    zip.read(versions, databaseOffset + 18);
    if (versions.get(0) == 2 && versions.get(1) == 2) {
      zip.write(ByteBuffer.wrap(new byte[] {1, 1}), databaseOffset + 18);
    }
  }

  private static List<String> await(FutureTask<List<String>> checking, Path live)
      throws SQLException, IOException {
    try {
      return checking.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while checking " + live);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("PRAGMA integrity_check failed: " + e.getCause(), e.getCause());
    }
  }

  /** Interrupts a check still running and waits for it, so that its connection may be closed. */
  private static void stop(FutureTask<?> checking, Thread checker, Connection connection) {
    if (!checking.isDone()) {
      try {
        connection.unwrap(SQLiteConnection.class).getDatabase().interrupt();
      } catch (SQLException e) {
        // It runs to its end instead.
      }
    }
    boolean interrupted = false;
    while (checker.isAlive()) {
      try {
        checker.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * SQLite's online backup of the live database into a temporary file beside the zip: one read
   * transaction on the live database, so one consistent snapshot however it is written meanwhile.
   */
  private static final class OnlineCopy implements Source {
    private final Path copy;
    private final Connection connection;
    private final long size;

    private OnlineCopy(Path copy, Connection connection, long size) {
      this.copy = copy;
      this.connection = connection;
      this.size = size;
    }

    static OnlineCopy take(Path live, Path dir, String prefix, Duration lockTimeout)
        throws SQLException, IOException {
      Path copy = Files.createTempFile(dir, prefix, ".db.tmp");
      Connection connection = null;
      try {
        connection = SqliteFile.open(copy, true);
        SqliteFile.snapshot(live, connection, lockTimeout);
        SqliteFile.selfContained(connection);
        OnlineCopy taken = new OnlineCopy(copy, connection, Files.size(copy));
        connection = null;
        return taken;
      } finally {
        if (connection != null) {
          connection.close();
          SqliteFile.delete(copy);
        }
      }
    }

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public void copyInto(Path to, byte[] prefix) throws IOException {
      // The copy is this backup's alone: the locks its connection loses when this channel is
      // closed guard nothing (unlike those on the live file, which PinnedFile never opens).
      try (FileChannel in = FileChannel.open(copy);
          FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(prefix));
        for (long done = 0; done < size; ) {
          done += in.transferTo(done, size - done, out);
        }
      }
    }

    @Override
    public void close() throws IOException {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new IOException("cannot close the temporary copy " + copy + ": " + e.getMessage(), e);
      } finally {
        SqliteFile.delete(copy);
      }
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
