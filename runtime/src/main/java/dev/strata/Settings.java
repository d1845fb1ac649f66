package dev.strata;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.SchemaDefinition;
import java.time.Duration;
import java.util.List;

/** The immutable configuration that {@link StrataBuilder#load()} hands to {@link Strata}. */
record Settings(
    Connections connections,
    List<MigrationDescriptor> migrations,
    SchemaDefinition schema,
    Listeners listener,
    boolean outOfOrder,
    Duration lockTimeout,
    String installedBy,
    FreshStrategy freshStrategy) {

  static Settings of(Connections connections, MigrationRegistry registry, SchemaDefinition schema,
      Listeners listener, boolean outOfOrder, Duration lockTimeout, String installedBy,
      FreshStrategy freshStrategy) {
    List<MigrationDescriptor> migrations = List.copyOf(registry.migrations());
    for (int i = 1; i < migrations.size(); i++) {
      if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
        throw new StrataException("The registry " + registry.getClass().getName()
            + " must list versions in strictly ascending order, but " + migrations.get(i).version()
            + " follows " + migrations.get(i - 1).version());
      }
    }
    return new Settings(connections, migrations, schema, listener, outOfOrder, lockTimeout,
        installedBy, freshStrategy);
  }
}
