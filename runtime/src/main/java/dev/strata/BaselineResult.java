package dev.strata;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#baseline(long)} recorded.
 *
 * @param version the baseline version: every registered migration up to it is now recorded as
 *     applied
 * @param recorded the history rows written, one per registered migration up to {@code version}, in
 *     version order, each of type {@link MigrationType#BASELINE} and state {@link
 *     MigrationState#APPLIED}
 */
public record BaselineResult(long version, List<MigrationInfo> recorded) {
  public BaselineResult {
    recorded = List.copyOf(Objects.requireNonNull(recorded, "recorded"));
  }
}
