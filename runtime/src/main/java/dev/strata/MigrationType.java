package dev.strata;

/** How a history row came to be; stored in {@code strata_history.type}. */
public enum MigrationType {
  /** SQL held in the {@code @Migration} annotation. */
  SQL,
  /** A class implementing {@link JavaMigration}. */
  JAVA,
  /**
   * A repeatable migration ({@link dev.strata.spi.RepeatableDescriptor}); shown by {@code info()}
   * with version 0, and recorded in {@code strata_repeatables}, never in {@code strata_history}.
   */
  REPEATABLE
}
