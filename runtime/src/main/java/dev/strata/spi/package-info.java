/**
 * What generated code implements ({@code MigrationRegistry}, {@code SchemaDefinition}), and the
 * seams by which the API reaches the runtime's own engine. One layer with {@code dev.strata}.
 */
package dev.strata.spi;
