package dev.strata;

/** Options of {@link Strata#repair(RepairOption...)}. */
public enum RepairOption {
  /**
   * Make the changes. Without it, {@code repair} only reports what it would change and opens the
   * database read-only.
   */
  CONFIRM
}
