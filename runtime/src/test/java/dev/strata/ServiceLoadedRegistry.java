package dev.strata;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.util.List;

/** Stands in for a generated {@code StrataMigrations}; listed in META-INF/services of the tests. */
public final class ServiceLoadedRegistry implements MigrationRegistry {
  @Override
  public List<MigrationDescriptor> migrations() {
    return List.of(
        TestMigrations.sql(
            1, "service loaded", "CREATE TABLE discovered (id INTEGER PRIMARY KEY)"));
  }

  /** A second implementation, to test that an ambiguous class path is refused. */
  public static final class Other implements MigrationRegistry {
    @Override
    public List<MigrationDescriptor> migrations() {
      return List.of();
    }
  }
}
