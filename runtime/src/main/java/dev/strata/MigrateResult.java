package dev.strata;

import java.util.List;

/**
 * What one {@link Strata#migrate()} call did.
 *
 * @param initialVersion the applied head before the call; 0 for a database without history
 * @param currentVersion the applied head after the call
 * @param applied the steps this caller ran, in order; steps that a concurrent caller ran are not
 *     here. Empty when the schema was created from the entities.
 * @param createdFromEntities whether {@link FreshStrategy#CREATE_FROM_ENTITIES} created the schema
 *     and recorded every migration as applied
 */
public record MigrateResult(
    long initialVersion,
    long currentVersion,
    List<MigrationInfo> applied,
    boolean createdFromEntities) {
  public MigrateResult {
    applied = List.copyOf(applied);
  }

  /** How many steps this caller ran. */
  public int appliedCount() {
    return applied.size();
  }
}
