/**
 * Replays at compile time on an in-memory SQLite: the SQL-form migrations in version order ({@link
 * dev.strata.processor.verify.MigrationReplay}), and the entity schema's DDL ({@link
 * dev.strata.processor.verify.SchemaReplay}), so that SQL SQLite refuses is a javac error. On the
 * migrations' replay, {@code MigrationLint} watches each {@code up} for destructive and unsafe
 * statements, and {@link dev.strata.processor.verify.MigrationDriftCheck} compares the schema they
 * build ({@link dev.strata.processor.verify.ReplayedSchema}) with the entities'.
 */
package dev.strata.processor.verify;
