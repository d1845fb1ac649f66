package dev.strata.internal.engine;

import dev.strata.MigrationException;
import dev.strata.internal.history.ClaimLock;
import dev.strata.internal.history.Claimant;
import dev.strata.internal.history.HistoryRow;
import dev.strata.internal.history.HistoryTable;
import dev.strata.internal.sqlite.Busy;
import dev.strata.internal.sqlite.LockTimeout;
import dev.strata.spi.MigrationDescriptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * One caller's wait for a step that another caller claimed to run outside a transaction: its up (a
 * {@code migrate()}) or its down (a {@code rollbackTo()}). The claim is judged by its {@link
 * ClaimLock}, with the row read again while holding it, so a claimant that finished meanwhile is
 * never called dead; a claim without one is judged by pid ({@link Claimant}). The whole wait, the
 * write lock's included, is bounded by {@code lockTimeout}; a wait says so at INFO every few
 * seconds.
 */
final class ClaimWait {
  private static final System.Logger LOG = System.getLogger("dev.strata");
  private static final long POLL_MS = 50;

  /** How often a caller waiting for another's claim says so at INFO. */
  private static final Duration LOG_INTERVAL = Duration.ofSeconds(5);

  private final Settings settings;
  private final Connection connection;
  private final MigrationDescriptor migration;
  private final HistoryTable history;
  private final long start = System.nanoTime();
  private final long deadline;
  private long nextLog;

  ClaimWait(Settings settings, Connection connection, MigrationDescriptor migration) {
    this.settings = settings;
    this.connection = connection;
    this.migration = migration;
    this.history = new HistoryTable(connection);
    this.deadline = start + settings.lockTimeout().toNanos();
    this.nextLog = start + LOG_INTERVAL.toNanos();
  }

  long version() {
    return migration.version();
  }

  /** What is left of the wait, for the write lock. */
  Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
  }

  /**
   * Judges {@code seen}, an unfinished claim of this step, and returns when the caller should look
   * again: at once when the row changed, after a short pause while its claimant runs.
   *
   * @throws MigrationException when its claimant is gone, or lockTimeout has passed
   */
  void pass(HistoryRow seen) throws SQLException {
    EngineHooks.claimRead(migration.version());
    ClaimLock.Verdict verdict = judge(seen);
    if (verdict == ClaimLock.Verdict.DEAD) {
      throw unfinished(seen, ", and that process is no longer running: " + advice(seen));
    }
    if (verdict == ClaimLock.Verdict.CHANGED) {
      return;
    }
    if (System.nanoTime() > deadline) {
      throw unfinished(
          seen,
          " and not finished within lockTimeout, "
              + LockTimeout.seconds(settings.lockTimeout())
              + ". If it is still running, "
              + LockTimeout.ADVICE
              + "; if that process died, "
              + advice(seen));
    }
    if (System.nanoTime() >= nextLog) {
      long waited = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      LOG.log(
          System.Logger.Level.INFO,
          "Waiting for migration "
              + migration.version()
              + " ("
              + migration.description()
              + "), "
              + (seen.rollback() ? "whose down " : "which ")
              + seen.installedBy()
              + " runs outside a transaction since "
              + seen.installedOn()
              + "; waited "
              + waited
              + " s so far, up to lockTimeout "
              + settings.lockTimeout());
      nextLog = System.nanoTime() + LOG_INTERVAL.toNanos();
    }
    Busy.sleep(POLL_MS);
  }

  /**
   * Whether the claimant of {@code seen} still runs: by its claim lock where it has one, else by
   * pid, in both cases deciding on the row read again, never on the earlier look.
   */
  private ClaimLock.Verdict judge(HistoryRow seen) throws SQLException {
    Busy.Call<Boolean> unchanged =
        () ->
            Busy.retry(
                    connection,
                    "a read of " + HistoryTable.NAME,
                    settings.lockTimeout(),
                    () -> history.find(migration.version()))
                .equals(Optional.of(seen));
    if (seen.lockedClaim()) {
      ClaimLock.Verdict verdict = ClaimLock.judge(connection, migration.version(), true, unchanged);
      if (verdict != ClaimLock.Verdict.UNKNOWN) {
        return verdict;
      }
    }
    if (!Claimant.isDead(seen.installedBy())) {
      return ClaimLock.Verdict.LIVE;
    }
    return unchanged.run() ? ClaimLock.Verdict.DEAD : ClaimLock.Verdict.CHANGED;
  }

  /** What to do about a claim whose claimant is gone. */
  private static String advice(HistoryRow seen) {
    return seen.rollback()
        ? "check what its down did and finish it by hand, then delete its "
            + HistoryTable.NAME
            + " row; migrate() applies the migration again after that."
        : "check what the migration did, then delete its " + HistoryTable.NAME + " row.";
  }

  private MigrationException unfinished(HistoryRow row, String why) {
    return new MigrationException(
        migration.version(),
        migration.description(),
        (row.rollback() ? "its rollback was started" : "started")
            + " outside a transaction by "
            + row.installedBy()
            + " at "
            + row.installedOn()
            + why);
  }
}
