/**
 * The public API: configure and load a {@link dev.strata.Strata}, run its commands, and read their
 * results; what migrations implement ({@link dev.strata.JavaMigration}) and what listeners hear.
 */
package dev.strata;
