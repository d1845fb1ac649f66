package dev.strata.internal.sqlite;

import dev.strata.sql.Dialect;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;

/**
 * The database stayed locked by another connection for all of the lock timeout. The message says
 * what waited, for how long, who holds the lock as far as this connection can tell, and which
 * setting to raise; the busy error that ended the wait is the cause. It is not {@linkplain
 * Busy#isBusy busy} itself: an enclosing retry must not start waiting all over again.
 */
public final class LockTimeout extends SQLException {
  private static final long serialVersionUID = 1L;

  /** Said of SQLITE_BUSY when nothing more is known: SQLite does not tell who holds its lock. */
  public static final String UNKNOWN_HOLDER =
      "another connection holds a write transaction on the database";

  /** The setting to raise, under each of its names. */
  public static final String ADVICE =
      "raise lockTimeout (StrataBuilder.lockTimeout(..), STRATA_LOCK_TIMEOUT_MS or"
          + " strata.lockTimeoutMs)";

  /** Said when PostgreSQL's advisory lock could not be had within the limit. */
  public static final String MIGRATION_LOCK_HOLDER =
      "another session holds Strata's migration lock (pg_advisory_xact_lock) in a transaction";

  private final String what;
  private final Duration waited;
  private final Duration limit;
  private final Dialect dialect;

  LockTimeout(String what, Duration waited, Duration limit, SQLException busy) {
    this(what, waited, limit, holder(busy), busy, Dialect.SQLITE);
  }

  /** PostgreSQL's {@code lock_timeout} ended the wait for {@code what}. */
  public static LockTimeout postgres(
      String what, Duration waited, Duration limit, SQLException lockNotAvailable) {
    return new LockTimeout(
        what, waited, limit, MIGRATION_LOCK_HOLDER, lockNotAvailable, Dialect.POSTGRESQL);
  }

  private LockTimeout(
      String what,
      Duration waited,
      Duration limit,
      String holder,
      SQLException busy,
      Dialect dialect) {
    super(
        "gave up after "
            + seconds(waited)
            + " waiting for "
            + what
            + ": "
            + holder
            + " ("
            + dialect.displayName()
            + ": "
            + Dialect.message(busy)
            + "). If it may hold the lock that long, "
            + ADVICE
            + "; it is "
            + seconds(limit)
            + ".",
        busy.getSQLState(),
        busy.getErrorCode(),
        busy);
    this.what = what;
    this.waited = waited;
    this.limit = limit;
    this.dialect = dialect;
  }

  /** The same timeout, naming who holds the lock where the engine knows better than SQLite. */
  public LockTimeout heldBy(String holder) {
    LockTimeout named =
        new LockTimeout(what, waited, limit, holder, (SQLException) getCause(), dialect);
    named.setStackTrace(getStackTrace());
    return named;
  }

  /** What waited, such as {@code "the write lock to apply migration 2 (seed parts)"}. */
  public String what() {
    return what;
  }

  public Duration waited() {
    return waited;
  }

  public Duration limit() {
    return limit;
  }

  private static String holder(SQLException busy) {
    // SQLITE_LOCKED: a conflict within this connection (or its shared cache), not another writer.
    return (busy.getErrorCode() & 0xff) == 6
        ? "another statement of the same connection holds a table locked"
        : UNKNOWN_HOLDER;
  }

  /** {@code 1.0 s}, {@code 600.0 s}: precise enough to compare with the limit, never grouped. */
  public static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
