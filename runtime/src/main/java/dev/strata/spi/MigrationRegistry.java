package dev.strata.spi;

import java.util.List;

/**
 * The migrations of an application, implemented by the generated {@code StrataMigrations} and found
 * through {@link java.util.ServiceLoader} when none is configured.
 */
public interface MigrationRegistry {
  /** Every migration, sorted by ascending version, without duplicates. */
  List<MigrationDescriptor> migrations();

  /**
   * The repeatable migrations, run after the versioned ones; none unless a registry lists some.
   * Order does not matter: the engine runs them by ascending description.
   */
  default List<RepeatableDescriptor> repeatables() {
    return List.of();
  }
}
