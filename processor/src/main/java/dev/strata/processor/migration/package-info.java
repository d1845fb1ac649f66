/**
 * From {@code @Migration} classes to the registry: read the annotation ({@link
 * dev.strata.processor.migration.MigrationAnnotation}), check versions across migrations ({@link
 * dev.strata.processor.migration.VersionRules}), parse each into a {@link
 * dev.strata.processor.migration.MigrationModel}, and render {@code StrataMigrations} ({@link
 * dev.strata.processor.migration.RegistryClass}).
 */
package dev.strata.processor.migration;
