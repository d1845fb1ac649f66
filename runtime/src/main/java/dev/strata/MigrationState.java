package dev.strata;

/** Where one migration stands, as {@link Strata#info()} reports it. */
public enum MigrationState {
  /** Registered, not applied, newer than the applied head: the next migrate applies it. */
  PENDING,
  /**
   * Registered, not applied, but older than the applied head. Migrate refuses it unless
   * out-of-order application is enabled.
   */
  OUT_OF_ORDER,
  /** Applied successfully. */
  APPLIED,
  /**
   * Started outside a transaction ({@code transactional = false}) and not finished, by a process
   * that is still running or cannot be told dead (another host or container, an older tag).
   */
  RUNNING,
  /**
   * Started outside a transaction ({@code transactional = false}) and not finished: it failed
   * part-way, with its first statements committed, or its process is known to have died. Migrate
   * refuses to go on until a user has looked and deleted its history row.
   */
  FAILED,
  /**
   * Never run: {@link FreshStrategy#CREATE_FROM_ENTITIES} created the schema from the entities on
   * an empty database and recorded the migration as covered by that. Counts as applied.
   */
  CREATED_FROM_ENTITIES,
  /** Applied, but no longer in the registry. */
  MISSING
}
