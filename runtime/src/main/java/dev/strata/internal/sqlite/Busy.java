package dev.strata.internal.sqlite;

import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Retries work that SQLite refused with SQLITE_BUSY or SQLITE_LOCKED. The connection's busy_timeout
 * covers most waits, but some do not go through the busy handler at all (switching to WAL, WAL
 * recovery, a schema change racing another connection), and a BEGIN IMMEDIATE may simply wait
 * longer than busy_timeout behind a long migration in another process.
 *
 * <p>The limit bounds all of the waiting, SQLite's included: given the connection, each attempt
 * runs with the connection's busy_timeout lowered to what is left of the limit (and restored
 * after), since SQLite's busy handler sleeps inside the statement for up to busy_timeout. Once the
 * limit is spent, the busy error becomes a {@link LockTimeout} that says what waited and how long.
 */
public final class Busy {
  /** A unit of database work that may be retried. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws SQLException;
  }

  private static final System.Logger LOG = System.getLogger("dev.strata");
  private static final long FIRST_BACKOFF_MS = 2;
  private static final long MAX_BACKOFF_MS = 100;

  /**
   * The busy_timeout of each connection as far as Strata set or read it, so that a retry need not
   * ask SQLite before every statement it wraps. Forgotten where other code may change it: a
   * statement that names busy_timeout ({@link #ran}), and a connection handed to a migration's own
   * code ({@link #untrack}). Weak keys: connections come and go with commands.
   */
  private static final Map<Connection, Long> KNOWN =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Connections whose busy_timeout other code may set at any moment: always asked. */
  private static final Map<Connection, Boolean> UNTRACKED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private Busy() {}

  /** Records the busy_timeout Strata just set on {@code connection}. */
  public static void remember(Connection connection, long millis) {
    if (!UNTRACKED.containsKey(connection)) {
      KNOWN.put(connection, millis);
    }
  }

  /**
   * After {@code sql} ran on {@code connection}: a statement that names busy_timeout may have
   * changed it, so the next retry asks SQLite again.
   */
  public static void ran(Connection connection, String sql) {
    if (sql.toLowerCase(Locale.ROOT).contains("busy_timeout")) {
      KNOWN.remove(connection);
    }
  }

  /**
   * {@code connection} is in the hands of code that may set its busy_timeout by any means (a
   * migration's Java code): from now on every retry on it asks SQLite.
   */
  public static void untrack(Connection connection) {
    UNTRACKED.put(connection, Boolean.TRUE);
    KNOWN.remove(connection);
  }

  /**
   * Runs {@code call}, retrying with jittered exponential backoff until {@code limit} elapses; the
   * connection's own busy_timeout is not bounded (use {@link #retry(Connection, String, Duration,
   * Call)} for work on a connection).
   */
  public static <T> T retry(String what, Duration limit, Call<T> call) throws SQLException {
    return retry(null, what, limit, call);
  }

  /**
   * Runs {@code call} on {@code connection}, retrying SQLITE_BUSY until {@code limit} elapses, with
   * SQLite's busy handler bounded by what is left of {@code limit}.
   *
   * @param what the work, as a message ends it: {@code "the write lock to apply migration 2 (x)"}
   * @throws LockTimeout when the database stayed busy for all of {@code limit}
   */
  public static <T> T retry(Connection connection, String what, Duration limit, Call<T> call)
      throws SQLException {
    long start = System.nanoTime();
    long deadline = start + limit.toNanos();
    long backoff = FIRST_BACKOFF_MS;
    BusyTimeout busyTimeout = connection == null ? null : BusyTimeout.of(connection);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          if (busyTimeout != null) {
            busyTimeout.atMost(remainingMillis(deadline));
          }
          return call.run();
        } catch (SQLException e) {
          if (!isBusy(e)) {
            throw e;
          }
          long left = remainingMillis(deadline);
          if (left <= 0) {
            throw new LockTimeout(what, Duration.ofNanos(System.nanoTime() - start), limit, e);
          }
          // As text: MessageFormat would group digits, printing 1,000.
          LOG.log(
              System.Logger.Level.DEBUG,
              "{0}: database busy, retry {1}",
              what,
              Integer.toString(attempt));
          sleep(Math.min(left, ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1)));
          backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
        }
      }
    } finally {
      if (busyTimeout != null) {
        busyTimeout.restore();
      }
    }
  }

  private static long remainingMillis(long deadline) {
    long nanos = deadline - System.nanoTime();
    // Rounded up, so that a positive remainder never becomes busy_timeout 0.
    return nanos <= 0 ? 0 : (nanos + 999_999) / 1_000_000;
  }

  /**
   * Whether {@code e} or a cause is SQLITE_BUSY (5) or SQLITE_LOCKED (6), extended codes included,
   * except SQLITE_BUSY_SNAPSHOT: that one only a restarted transaction can get past, so retrying
   * the statement would spin until the limit. A {@link LockTimeout} is not busy: its wait is over,
   * and an enclosing retry must not wait all over again.
   */
  public static boolean isBusy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LockTimeout) {
        return false;
      }
      if (t instanceof SQLiteException sqlite
          && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT) {
        return false;
      }
      if (t instanceof SQLException sql) {
        // SQLITE_BUSY only: SQLITE_LOCKED comes from this very connection (a table it still reads
        // while dropping it, say) or a shared cache, and waiting never clears it.
        if ((sql.getErrorCode() & 0xff) == 5) {
          return true;
        }
      }
    }
    return false;
  }

  public static void sleep(long millis) throws SQLException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for the database", e);
    }
  }

  /**
   * A connection's busy_timeout, lowered for the last attempts of a retry and then put back. Set
   * through the PRAGMA, which reaches the connection behind any DataSource's wrapper.
   */
  private static final class BusyTimeout {
    private final Connection connection;
    private final long configured;
    private long current;

    private BusyTimeout(Connection connection, long configured) {
      this.connection = connection;
      this.configured = configured;
      this.current = configured;
    }

    /** Null for a connection to another database: busy_timeout is SQLite's. */
    static BusyTimeout of(Connection connection) throws SQLException {
      Long known = KNOWN.get(connection);
      if (known != null) {
        return new BusyTimeout(connection, known);
      }
      if (Dialect.of(connection) != Dialect.SQLITE) {
        return null;
      }
      long configured;
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("PRAGMA busy_timeout")) {
        configured = rs.next() ? rs.getLong(1) : 0;
      }
      remember(connection, configured);
      return new BusyTimeout(connection, configured);
    }

    void atMost(long millis) throws SQLException {
      long wanted = Math.min(configured, millis);
      if (wanted != current) {
        set(wanted);
      }
    }

    /** Never throws: it runs in a finally block, and the connection may be broken by then. */
    void restore() {
      if (current != configured) {
        try {
          set(configured);
        } catch (SQLException e) {
          KNOWN.remove(connection); // whatever it is now, it is not known
          LOG.log(System.Logger.Level.DEBUG, "could not restore busy_timeout", e);
        }
      }
    }

    private void set(long millis) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA busy_timeout = " + millis);
      }
      current = millis;
    }
  }
}
