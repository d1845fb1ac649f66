package dev.strata.internal.engine;

import dev.strata.FreshStrategy;
import dev.strata.StrataException;
import dev.strata.internal.sqlite.Connections;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.RepeatableDescriptor;
import dev.strata.spi.SchemaDefinition;
import dev.strata.spi.StrataEngine;
import dev.strata.sql.Dialect;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The immutable configuration of one {@link dev.strata.Strata}, as the engine uses it. */
record Settings(
    Connections connections,
    Map<Dialect, List<MigrationDescriptor>> migrationsByDialect,
    List<RepeatableDescriptor> repeatables,
    SchemaDefinition schema,
    Listeners listeners,
    boolean outOfOrder,
    Duration lockTimeout,
    String installedBy,
    FreshStrategy freshStrategy,
    Duration stepTimeout,
    long target) {

  static Settings of(StrataEngine.Configuration configuration) {
    List<MigrationDescriptor> migrations = List.copyOf(configuration.registry().migrations());
    for (int i = 1; i < migrations.size(); i++) {
      if (migrations.get(i).version() <= migrations.get(i - 1).version()) {
        throw new StrataException(
            "The registry "
                + configuration.registry().getClass().getName()
                + " must list versions in strictly ascending order, but "
                + migrations.get(i).version()
                + " follows "
                + migrations.get(i - 1).version());
      }
    }
    Connections connections =
        new Connections(
            configuration.url(),
            configuration.dataSource(),
            configuration.busyTimeout(),
            configuration.lockTimeout());
    Map<Dialect, List<MigrationDescriptor>> byDialect = new EnumMap<>(Dialect.class);
    for (Dialect dialect : Dialect.values()) {
      List<MigrationDescriptor> on = new ArrayList<>(migrations.size());
      for (MigrationDescriptor m : migrations) {
        on.add(m.on(dialect));
      }
      byDialect.put(dialect, Collections.unmodifiableList(on));
    }
    return new Settings(
        connections,
        Collections.unmodifiableMap(byDialect),
        Repeatables.ordered(configuration.registry()),
        configuration.schema(),
        new Listeners(configuration.listeners()),
        configuration.outOfOrder(),
        configuration.lockTimeout(),
        configuration.installedBy(),
        configuration.freshStrategy(),
        configuration.stepTimeout(),
        configuration.target());
  }

  /**
   * The migrations as the database's dialect runs them: each with that dialect's own text and
   * checksum where it has one.
   */
  List<MigrationDescriptor> migrations() {
    try {
      return migrationsByDialect.get(connections.dialect());
    } catch (SQLException e) {
      throw new StrataException(
          "Cannot tell which database " + connections.describe() + " is: " + e.getMessage(), e);
    }
  }

  /** Whether migrate goes to the registry's head (no lower target): then repeatables run too. */
  boolean reachesHead() {
    List<MigrationDescriptor> migrations = migrationsByDialect.get(Dialect.SQLITE);
    return migrations.isEmpty() || target >= migrations.get(migrations.size() - 1).version();
  }
}
