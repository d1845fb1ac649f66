/**
 * Replays at compile time on an in-memory SQLite: the SQL-form migrations in version order ({@link
 * dev.strata.processor.verify.MigrationReplay}), and the entity schema's DDL ({@link
 * dev.strata.processor.verify.SchemaReplay}), so that SQL SQLite refuses is a javac error.
 */
package dev.strata.processor.verify;
