package dev.strata.processor.migration;

import java.util.List;

/**
 * Every valid migration of a compilation, as the generated registry lists them.
 *
 * @param versioned in registry order ({@link MigrationModel#ORDER})
 * @param repeatables in the runtime's order ({@link RepeatableModel#ORDER})
 */
public record Migrations(List<MigrationModel> versioned, List<RepeatableModel> repeatables) {
  public Migrations {
    versioned = List.copyOf(versioned);
    repeatables = List.copyOf(repeatables);
  }

  public boolean isEmpty() {
    return versioned.isEmpty() && repeatables.isEmpty();
  }
}
