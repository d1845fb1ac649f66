package dev.strata.internal.history;

import dev.strata.internal.postgres.SessionClaim;
import dev.strata.internal.sqlite.Busy;
import dev.strata.sql.Dialect;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The proof that the claimant of a non-transactional step still runs: an OS file lock on one byte
 * of a side file beside the database, {@code <database>-strata-claim}, at the offset of the step's
 * version. The claimant takes it before its claim commits and holds it until the step's outcome
 * (success or FAILED) is committed. The kernel releases it when the process dies, whatever its pid
 * namespace, so a caller that can take the lock while the claim row, read again, is still
 * unfinished knows the claimant is gone. No age limit or heartbeat is involved: a {@code VACUUM}
 * that holds SQLite's write lock for an hour keeps its claim alive all along.
 *
 * <p>File locks belong to a process, not a thread, and POSIX drops all of a process's locks on a
 * file when any of its descriptors of that file is closed. So a JVM keeps a side file's channels
 * open while any of its threads holds or judges a claim there, and closes them together once none
 * does (a JVM that migrates thousands of databases keeps no descriptor per database, and a side
 * file deleted in between is opened afresh). It records the versions its own threads hold, which a
 * thread of the same JVM judges by instead of the file.
 *
 * <p>SQLite's WAL mode needs shared memory, so every process of one database runs on one host;
 * claims across hosts (network file systems) are out of scope, as WAL itself is. Where the side
 * file cannot be opened (a read-only directory) the claim is made without a lock and judged, as by
 * earlier builds, by the claimant's pid ({@link Claimant}).
 *
 * <p>On PostgreSQL the lock is the server's instead ({@link SessionClaim}): a session-level
 * advisory lock held by the claimant's connection, which the server releases when that session
 * ends, on whatever host the claimant ran.
 */
public final class ClaimLock implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.strata");
  private static final String SUFFIX = "-strata-claim";

  /** The side files this JVM has open, with their users; guarded by itself. */
  private static final Map<Path, SideFile> OPEN = new HashMap<>();

  private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();

  /** What a look at a claim's lock found. */
  public enum Verdict {
    /** Its claimant holds the lock: it runs. */
    LIVE,
    /** Nobody holds the lock and the row, read again under it, is still unfinished. */
    DEAD,
    /** The row changed while being judged: look again. */
    CHANGED,
    /** No side file to judge by. */
    UNKNOWN
  }

  private final String key;
  private final FileLock lock;
  private final Path side;

  /** The PostgreSQL session holding this claim's advisory lock; null on SQLite. */
  private final Connection session;

  private final long version;

  /** {@code side}: the side file this claim uses, released on close; null when none. */
  private ClaimLock(String key, FileLock lock, Path side) {
    this(key, lock, side, null, 0);
  }

  private ClaimLock(String key, FileLock lock, Path side, Connection session, long version) {
    this.key = key;
    this.lock = lock;
    this.side = side;
    this.session = session;
    this.version = version;
  }

  private static boolean isPostgres(Connection connection) throws SQLException {
    return Dialect.of(connection) == Dialect.POSTGRESQL;
  }

  private static String postgresKey(Connection connection, long version) throws SQLException {
    return "postgres:" + connection.getMetaData().getURL() + "#" + version;
  }

  /** Waits up to {@code timeout} for the claim's advisory lock, held by this session. */
  private static ClaimLock takePostgres(Connection connection, long version, Duration timeout)
      throws SQLException {
    String key = postgresKey(connection, version);
    if (!HELD_HERE.add(key)) {
      throw new SQLException("claim of version " + version + " already held in this process");
    }
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!SessionClaim.tryLock(connection, version)) {
        if (System.nanoTime() > deadline) {
          throw new SQLException(
              "could not take the advisory lock of version " + version + " within " + timeout);
        }
        Busy.sleep(10);
      }
      return new ClaimLock(key, null, null, connection, version);
    } catch (SQLException | RuntimeException e) {
      HELD_HERE.remove(key);
      throw e;
    }
  }

  /** Judges a claim by its advisory lock: nobody holds it and the row is unchanged, it is dead. */
  private static Verdict judgePostgres(
      Connection connection, long version, Busy.Call<Boolean> stillUnfinished) throws SQLException {
    if (HELD_HERE.contains(postgresKey(connection, version))) {
      return Verdict.LIVE;
    }
    if (!SessionClaim.tryLock(connection, version)) {
      return Verdict.LIVE;
    }
    try {
      return stillUnfinished.run() ? Verdict.DEAD : Verdict.CHANGED;
    } finally {
      SessionClaim.unlock(connection, version);
    }
  }

  /** The side file of the database {@code connection} is open on; empty for an in-memory one. */
  public static Optional<Path> sideFile(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA database_list")) {
      while (rs.next()) {
        if ("main".equals(rs.getString("name"))) {
          String file = rs.getString("file");
          return file == null || file.isEmpty()
              ? Optional.empty()
              : Optional.of(Path.of(file + SUFFIX).toAbsolutePath().normalize());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Takes the lock of {@code version}'s claim, waiting up to {@code timeout} for callers that are
   * judging an earlier claim of it. Without a side file the lock is only this JVM's record.
   */
  public static ClaimLock take(Connection connection, long version, Duration timeout)
      throws SQLException {
    if (isPostgres(connection)) {
      return takePostgres(connection, version, timeout);
    }
    Optional<Path> side = sideFile(connection);
    String key = side.map(Path::toString).orElse("memory:" + connection) + "#" + version;
    if (!HELD_HERE.add(key)) {
      throw new SQLException("claim of version " + version + " already held in this process");
    }
    Optional<FileChannel> channel = Optional.empty();
    try {
      channel = side.flatMap(p -> acquire(p, true));
      if (channel.isEmpty()) {
        return new ClaimLock(key, null, null);
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        try {
          FileLock lock = channel.get().tryLock(version, 1, false);
          if (lock != null) {
            return new ClaimLock(key, lock, side.get());
          }
        } catch (OverlappingFileLockException e) {
          // a thread of this JVM is judging an earlier claim of this version: it is brief
        } catch (IOException e) {
          LOG.log(System.Logger.Level.DEBUG, "cannot lock " + side.get() + ": " + e);
          release(side.get());
          return new ClaimLock(key, null, null);
        }
        if (System.nanoTime() > deadline) {
          throw new SQLException("could not lock " + side.get() + " within " + timeout);
        }
        Busy.sleep(10);
      }
    } catch (SQLException | RuntimeException e) {
      if (channel.isPresent()) {
        release(side.get());
      }
      HELD_HERE.remove(key);
      throw e;
    }
  }

  /** Whether this claim holds a lock that dies with its process: an OS lock, or the server's. */
  public boolean byFile() {
    return lock != null || session != null;
  }

  /**
   * Judges the claim of {@code version}: takes its lock for a moment if nobody holds it, and asks
   * {@code stillUnfinished} (a fresh read of the row) while holding it. {@code mayCreate} is false
   * for read-only commands, which then judge only by an existing side file.
   */
  public static Verdict judge(
      Connection connection, long version, boolean mayCreate, Busy.Call<Boolean> stillUnfinished)
      throws SQLException {
    if (isPostgres(connection)) {
      return judgePostgres(connection, version, stillUnfinished);
    }
    Optional<Path> side = sideFile(connection);
    String key = side.map(Path::toString).orElse("memory:" + connection) + "#" + version;
    if (HELD_HERE.contains(key)) {
      return Verdict.LIVE;
    }
    if (side.isEmpty()) {
      // Only this JVM can reach an in-memory database, and none of its threads holds the claim.
      return stillUnfinished.run() ? Verdict.DEAD : Verdict.CHANGED;
    }
    Optional<FileChannel> channel = acquire(side.get(), mayCreate);
    if (channel.isEmpty()) {
      return Verdict.UNKNOWN;
    }
    try {
      FileLock lock;
      try {
        lock = channel.get().tryLock(version, 1, true);
      } catch (OverlappingFileLockException e) {
        return HELD_HERE.contains(key) ? Verdict.LIVE : Verdict.CHANGED;
      } catch (IOException e) {
        return Verdict.UNKNOWN;
      }
      if (lock == null) {
        return Verdict.LIVE;
      }
      try {
        return stillUnfinished.run() ? Verdict.DEAD : Verdict.CHANGED;
      } finally {
        try {
          lock.release();
        } catch (IOException e) {
          LOG.log(System.Logger.Level.DEBUG, "cannot release " + side.get() + ": " + e);
        }
      }
    } finally {
      release(side.get());
    }
  }

  /**
   * The versions whose claims are dead, for the read-only commands: judged without creating the
   * side file, and for claims of earlier builds (or without a side file) by pid.
   */
  public static Set<Long> deadClaims(Connection connection, List<HistoryRow> rows)
      throws SQLException {
    Set<Long> dead = new java.util.HashSet<>();
    HistoryTable history = new HistoryTable(connection);
    for (HistoryRow row : rows) {
      if (row.success() || row.recordedFailed()) {
        continue;
      }
      Verdict verdict = Verdict.UNKNOWN;
      if (row.lockedClaim()) {
        verdict =
            judge(
                connection,
                row.version(),
                false,
                () -> history.find(row.version()).equals(Optional.of(row)));
      }
      if (verdict == Verdict.DEAD
          || (verdict == Verdict.UNKNOWN && Claimant.isDead(row.installedBy()))) {
        dead.add(row.version());
      }
    }
    return dead;
  }

  /** A side file's channels and how many claims and judgements of this JVM use them. */
  private static final class SideFile {
    FileChannel writable;
    FileChannel readable;
    int users;
  }

  /**
   * A channel on {@code side}, writable when {@code write} (creating the file), else any (a missing
   * file stays missing); one more user until {@link #release}. Empty when it cannot be opened.
   */
  private static Optional<FileChannel> acquire(Path side, boolean write) {
    synchronized (OPEN) {
      SideFile file = OPEN.get(side);
      if (file == null) {
        if (!write && !Files.exists(side)) {
          return Optional.empty();
        }
        file = new SideFile();
      }
      FileChannel channel = write || file.writable != null ? file.writable : file.readable;
      if (channel == null) {
        try {
          channel =
              write
                  ? FileChannel.open(
                      side,
                      StandardOpenOption.CREATE,
                      StandardOpenOption.READ,
                      StandardOpenOption.WRITE)
                  : FileChannel.open(side, StandardOpenOption.READ);
        } catch (IOException | SecurityException e) {
          LOG.log(System.Logger.Level.DEBUG, "cannot open " + side + ": " + e);
          return Optional.empty();
        }
        if (write) {
          file.writable = channel;
        } else {
          file.readable = channel;
        }
      }
      file.users++;
      OPEN.put(side, file);
      return Optional.of(channel);
    }
  }

  /** One user less; the last closes every channel of the file, holding no lock any more. */
  private static void release(Path side) {
    synchronized (OPEN) {
      SideFile file = OPEN.get(side);
      if (file == null || --file.users > 0) {
        return;
      }
      OPEN.remove(side);
      for (FileChannel channel : new FileChannel[] {file.writable, file.readable}) {
        try {
          if (channel != null) {
            channel.close();
          }
        } catch (IOException e) {
          LOG.log(System.Logger.Level.DEBUG, "cannot close " + side + ": " + e);
        }
      }
    }
  }

  /** Releases the lock: call only once the step's outcome is committed, or nothing was claimed. */
  @Override
  public void close() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (session != null) {
        SessionClaim.unlock(session, version);
      }
    } catch (IOException | SQLException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot release a claim lock: " + e);
    } finally {
      if (side != null) {
        release(side);
      }
      HELD_HERE.remove(key);
    }
  }
}
