package dev.strata.internal.history;

import dev.strata.MigrationInfo;
import dev.strata.MigrationState;
import dev.strata.MigrationType;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of {@code strata_history}.
 *
 * @param outcome the {@code state} column of history format 2: {@link #APPLIED}, {@link #RUNNING}
 *     (a claim whose claimant holds its {@link ClaimLock}), {@link #FAILED} (a non-transactional
 *     step that failed part-way) or {@link #CREATED_FROM_ENTITIES}; null in rows written by a
 *     format-1 build, whose meaning {@code success} alone gives
 * @param failure for a {@link #FAILED} row, the failure as its callers reported it; for an
 *     unfinished row whose down a rollback runs outside a transaction, {@link #rollbackNote}; else
 *     null
 */
public record HistoryRow(
    long installedRank,
    long version,
    String description,
    MigrationType type,
    String checksum,
    Instant installedOn,
    String installedBy,
    long executionMs,
    boolean success,
    String outcome,
    String failure) {
  public static final String APPLIED = "APPLIED";
  public static final String RUNNING = "RUNNING";
  public static final String FAILED = "FAILED";
  public static final String CREATED_FROM_ENTITIES = "CREATED_FROM_ENTITIES";

  /**
   * How the {@code failure} column of a rollback's claim, and of its failure, begins: what tells a
   * step being (or failed being) rolled back from one being applied, within history format 2.
   */
  public static final String ROLLBACK = "Rollback of migration ";

  /** A format-1 row, as earlier builds wrote it. */
  public HistoryRow(
      long installedRank,
      long version,
      String description,
      MigrationType type,
      String checksum,
      Instant installedOn,
      String installedBy,
      long executionMs,
      boolean success) {
    this(
        installedRank,
        version,
        description,
        type,
        checksum,
        installedOn,
        installedBy,
        executionMs,
        success,
        null,
        null);
  }

  /** A non-transactional step that failed and was recorded so: final until a user deletes it. */
  public boolean recordedFailed() {
    return !success && FAILED.equals(outcome);
  }

  /** An unfinished claim whose claimant holds a {@link ClaimLock} while it runs. */
  public boolean lockedClaim() {
    return !success && RUNNING.equals(outcome);
  }

  /**
   * An unfinished row left by a rollback: its down runs, or ran and failed, outside a transaction
   * ({@code transactional = false}); the step is neither applied nor rolled back until it ends.
   */
  public boolean rollback() {
    return !success && failure != null && failure.startsWith(ROLLBACK);
  }

  /** What the claim row of a rollback of {@code version} holds in its {@code failure} column. */
  public static String rollbackNote(long version, String description) {
    return ROLLBACK
        + version
        + " ("
        + description
        + "): its down runs outside a transaction (transactional = false)";
  }

  public boolean createdFromEntities() {
    return success && CREATED_FROM_ENTITIES.equals(outcome);
  }

  public MigrationInfo toInfo(MigrationState state) {
    return new MigrationInfo(
        version,
        description,
        type,
        checksum,
        state,
        Optional.of(installedOn),
        Optional.of(installedBy),
        OptionalLong.of(executionMs));
  }
}
