package dev.strata;

/** How a history row came to be; stored in {@code strata_history.type}. */
public enum MigrationType {
  /** SQL held in the {@code @Migration} annotation. */
  SQL,
  /** A class implementing {@link JavaMigration}. */
  JAVA
}
