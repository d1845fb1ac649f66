package dev.strata.internal.sqlite;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Retries work that SQLite refused with SQLITE_BUSY or SQLITE_LOCKED. The connection's busy_timeout
 * covers most waits, but some do not go through the busy handler at all (switching to WAL, WAL
 * recovery, a schema change racing another connection), and a BEGIN IMMEDIATE may simply wait
 * longer than busy_timeout behind a long migration in another process.
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

  private Busy() {}

  /** Runs {@code call}, retrying with jittered exponential backoff until {@code limit} elapses. */
  public static <T> T retry(String what, Duration limit, Call<T> call) throws SQLException {
    long deadline = System.nanoTime() + limit.toNanos();
    long backoff = FIRST_BACKOFF_MS;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (SQLException e) {
        if (!isBusy(e) || System.nanoTime() > deadline) {
          throw e;
        }
        // As text: MessageFormat would group digits, printing 1,000.
        LOG.log(
            System.Logger.Level.DEBUG,
            "{0}: database busy, retry {1}",
            what,
            Integer.toString(attempt));
        sleep(ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1));
        backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
      }
    }
  }

  /**
   * Whether {@code e} or a cause is SQLITE_BUSY (5) or SQLITE_LOCKED (6), extended codes included,
   * except SQLITE_BUSY_SNAPSHOT: that one only a restarted transaction can get past, so retrying
   * the statement would spin until the limit.
   */
  public static boolean isBusy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite
          && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT) {
        return false;
      }
      if (t instanceof SQLException sql) {
        int primary = sql.getErrorCode() & 0xff;
        if (primary == 5 || primary == 6) {
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
}
