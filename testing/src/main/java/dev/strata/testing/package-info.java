/**
 * Testing with Strata: {@code StrataExtension} gives each JUnit 5 test a fresh SQLite file migrated
 * through the real engine, and {@code MigrationVerifier} checks the migrations themselves.
 */
package dev.strata.testing;
