package dev.strata;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#repair(RepairOption...)} changed or, without {@link RepairOption#CONFIRM},
 * would change.
 *
 * @param confirmed whether {@link RepairOption#CONFIRM} was given, so that the listed changes were
 *     made; false for a report that changed nothing
 * @param removed the history rows of failed steps (recorded FAILED, or unfinished with a claimant
 *     known dead) that were or would be deleted, as {@link Strata#info()} showed them
 * @param realigned the applied migrations whose recorded checksum was or would be set to the
 *     registry's
 */
public record RepairResult(
    boolean confirmed, List<MigrationInfo> removed, List<Realignment> realigned) {
  public RepairResult {
    removed = List.copyOf(Objects.requireNonNull(removed, "removed"));
    realigned = List.copyOf(Objects.requireNonNull(realigned, "realigned"));
  }

  /** Whether the history needs (or needed) no repair. */
  public boolean nothingToRepair() {
    return removed.isEmpty() && realigned.isEmpty();
  }

  /** Whether this call changed the database. */
  public boolean changed() {
    return confirmed && !nothingToRepair();
  }

  /**
   * An applied migration whose text was edited after it was applied.
   *
   * @param recordedChecksum the checksum in the history before the repair
   * @param registryChecksum the registry's checksum, which the repair records
   */
  public record Realignment(
      long version, String description, String recordedChecksum, String registryChecksum) {}
}
