package dev.strata;

/**
 * What {@link Strata#migrate()} does with a database that has never been touched: no history and no
 * user tables.
 */
public enum FreshStrategy {
  /**
   * Replay every migration from the first. Right for production and for any app whose migrations do
   * more than create the head schema (seed data, data migrations), and the only honest choice when
   * the entity schema and the migrations could disagree. The default.
   */
  RUN_MIGRATIONS,

  /**
   * Create the head schema directly from the {@link dev.strata.spi.SchemaDefinition} and record
   * every registered migration as applied, all in one transaction, as Room does. Right when there
   * are many migrations and fresh installs must be fast (tests, new devices, CI), provided a test
   * proves the migrated head schema equals the entity schema and no migration seeds data. A
   * database that already has history or tables is migrated normally.
   */
  CREATE_FROM_ENTITIES
}
