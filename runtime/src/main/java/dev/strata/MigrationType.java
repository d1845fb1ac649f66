package dev.strata;

/** How a history row came to be; stored in {@code strata_history.type}. */
public enum MigrationType {
  /** SQL held in the {@code @Migration} annotation. */
  SQL,
  /** A class implementing {@link JavaMigration}. */
  JAVA,
  /**
   * Never run: {@link Strata#baseline(long)} recorded the migration as applied because the database
   * already had its effect when Strata took it over. Counts as applied.
   */
  BASELINE,
  /**
   * A repeatable migration ({@link dev.strata.spi.RepeatableDescriptor}); shown by {@code info()}
   * with version 0, and recorded in {@code strata_repeatables}, never in {@code strata_history}.
   */
  REPEATABLE
}
