package dev.strata.internal.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A read transaction on the live database during which its main file holds exactly that
 * transaction's database and does not change, so the file itself can be copied byte for byte.
 *
 * <p>In rollback-journal mode the transaction's SHARED lock is enough: no writer commits while it
 * is held. In WAL mode writers go on appending to the {@code -wal} file; only a checkpoint writes
 * the main file, and it must first take {@code WAL_READ_LOCK(0)} exclusively. A reader takes that
 * lock (shared) when every frame of the WAL is already in the main file, and then reads the main
 * file alone. So the WAL is checkpointed whole while a short write transaction keeps new frames
 * out, the read transaction begins, and the write transaction ends. When an older reader keeps the
 * WAL from being checkpointed whole, or the write lock stays busy, there is no pin: {@link Backup}
 * then copies with SQLite's online backup instead.
 *
 * <p>The file is read by a child process ({@code cat}), never opened here: closing any descriptor
 * of a file drops every POSIX lock the process holds on it, those of SQLite's connections too, in
 * this library or in the application (SQLite's "How To Corrupt", section 2.2).
 */
final class PinnedFile implements Backup.Source {
  private static final Path CAT = Path.of("/bin/cat");
  private static final Path SH = Path.of("/bin/sh");
  // Writers wait while the pin holds the write lock: a lock or a checkpoint that takes longer
  // than this is left alone, and the online backup, which waits for no writer, copies instead.
  private static final Duration WRITE_LOCK_WAIT = Duration.ofSeconds(1);
  private static final Duration CHECKPOINT_WAIT = Duration.ofMillis(200);
  private static final Duration SYNC_EVERY = Duration.ofMillis(250);

  private final Path file;
  private final Connection reader;
  private final long size;

  private PinnedFile(Path file, Connection reader, long size) {
    this.file = file;
    this.reader = reader;
    this.size = size;
  }

  /** What a failed pin says: why the backup falls back to SQLite's online backup. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * Pins {@code live}, waiting up to {@code lockTimeout} for a SHARED lock, and briefly for the
   * write lock in WAL mode.
   *
   * @throws Unavailable when it cannot be pinned, saying why
   */
  static PinnedFile pin(Path live, Duration lockTimeout) throws Unavailable {
    if (!Files.isExecutable(CAT) || !Files.isExecutable(SH)) {
      throw new Unavailable("there is no " + CAT + " or " + SH + " to copy the file with");
    }
    Connection reader = null;
    try {
      reader = open(live, lockTimeout);
      boolean wal;
      try (Statement statement = reader.createStatement()) {
        wal = "wal".equalsIgnoreCase(SqliteFile.lines(statement, "PRAGMA journal_mode").get(0));
      }
      if (wal) {
        beginAfterWholeCheckpoint(live, reader);
      } else {
        begin(reader);
      }
      long size;
      try (Statement statement = reader.createStatement()) {
        size =
            Long.parseLong(SqliteFile.lines(statement, "PRAGMA page_count").get(0))
                * Long.parseLong(SqliteFile.lines(statement, "PRAGMA page_size").get(0));
      }
      PinnedFile pinned = new PinnedFile(live, reader, size);
      reader = null;
      return pinned;
    } catch (SQLException e) {
      throw new Unavailable(e.getMessage());
    } finally {
      closeQuietly(reader);
    }
  }

  private static void beginAfterWholeCheckpoint(Path live, Connection reader)
      throws SQLException, Unavailable {
    // Most of the WAL goes into the file before writers are held up at all.
    checkpoint(reader);
    try (Connection writer = open(live, WRITE_LOCK_WAIT);
        Statement statement = writer.createStatement()) {
      try {
        statement.execute("BEGIN IMMEDIATE");
      } catch (SQLException e) {
        throw new Unavailable(
            "the write lock stayed busy for "
                + WRITE_LOCK_WAIT.toMillis()
                + " ms ("
                + e.getMessage()
                + ")");
      }
      try {
        // No frame is added meanwhile; a checkpoint or a short read may still be under way.
        long deadline = System.nanoTime() + CHECKPOINT_WAIT.toNanos();
        while (true) {
          long[] result = checkpoint(reader);
          if (result[0] == 0 && result[1] == result[2]) {
            begin(reader);
            return;
          }
          if (System.nanoTime() > deadline) {
            throw new Unavailable(
                result[0] != 0
                    ? "another connection's checkpoint went on for "
                        + CHECKPOINT_WAIT.toMillis()
                        + " ms"
                    : "a reader of an older snapshot keeps "
                        + (result[1] - result[2])
                        + " WAL frame(s) out of the file");
          }
          sleep();
        }
      } finally {
        statement.execute("ROLLBACK");
      }
    }
  }

  private static void sleep() throws Unavailable {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while waiting for the WAL to be checkpointed");
    }
  }

  /** {@code PRAGMA wal_checkpoint(PASSIVE)}: busy, frames in the WAL, frames in the file. */
  private static long[] checkpoint(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }

  /** Begins the read transaction: its first read takes the locks. */
  private static void begin(Connection reader) throws SQLException {
    try (Statement statement = reader.createStatement()) {
      statement.execute("BEGIN");
      statement.executeQuery("SELECT count(*) FROM sqlite_schema").close();
    }
  }

  /**
   * Read-write, never created: only a read-write connection may roll back a hot journal that it
   * finds. No PRAGMA of the engine's; it never writes.
   */
  private static Connection open(Path live, Duration busyTimeout) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    return DriverManager.getConnection("jdbc:sqlite:" + live, config.toProperties());
  }

  @Override
  public Connection connection() {
    return reader;
  }

  @Override
  public long size() {
    return size;
  }

  /**
   * Writes {@code prefix}, then the database's {@link #size} bytes, into the new file {@code to},
   * with {@code cat} (which lets the kernel copy the file, without a pass through user space).
   */
  @Override
  public void copyInto(Path to, byte[] prefix) throws IOException {
    // "1<>" opens the file as it is: Java's own redirect would truncate it, and ext4 then writes
    // the whole new content back when cat closes it (its auto_da_alloc), before cat can exit.
    Process cat =
        new ProcessBuilder(
                SH.toString(),
                "-c",
                "exec " + CAT + " - \"$1\" 1<>\"$2\"",
                "strata-backup",
                file.toString(),
                to.toString())
            .redirectOutput(Redirect.DISCARD)
            .redirectError(Redirect.PIPE)
            .start();
    long expected = prefix.length + size;
    try (FileChannel channel = FileChannel.open(to, StandardOpenOption.WRITE)) {
      try (OutputStream in = cat.getOutputStream()) {
        in.write(prefix);
      }
      // The disk writes what cat has copied so far while it copies on: the zip must be synced
      // before it is moved into place, and waiting until the end would add the whole write.
      while (!cat.waitFor(SYNC_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
        channel.force(false);
      }
      int status = cat.exitValue();
      if (status != 0) {
        String errors =
            new String(cat.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        throw new IOException(
            CAT + " could not copy " + file + " (exit " + status + "): " + errors);
      }
      if (channel.size() < expected) {
        throw new IOException(
            file + " holds " + (channel.size() - prefix.length) + " bytes, fewer than its " + size);
      }
      // Beyond its last page the file may hold space SQLite reserved ahead; the copy ends there.
      channel.truncate(expected);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while copying " + file, e);
    } finally {
      cat.destroyForcibly();
    }
  }

  @Override
  public void close() {
    closeQuietly(reader);
  }

  /** Closing ends the read transaction, which wrote nothing. */
  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing was written; the handle is released either way.
    }
  }
}
