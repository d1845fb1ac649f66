package dev.strata;

/** Options of {@link Strata#rollbackTo(long, RollbackOption...)}. */
public enum RollbackOption {
  /** Returns the plan (steps and their down SQL where known) and changes nothing. */
  DRY_RUN,
  /** Skips the automatic backup taken before the first step. */
  NO_BACKUP
}
