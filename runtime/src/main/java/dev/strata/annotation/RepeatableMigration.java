package dev.strata.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a repeatable migration on a class with no body: SQL with no version, such as a view, a
 * trigger or reference data, that {@code migrate()} runs after the versioned migrations and again
 * whenever its text changes. Repeatables run in ascending order of {@link #description()}, each in
 * one transaction together with its record in {@code strata_repeatables}. The statements must be
 * safe to run again on a database where an earlier text of them ran ({@code DROP VIEW IF EXISTS}
 * before {@code CREATE VIEW}, {@code INSERT ... ON CONFLICT DO UPDATE} for data); the processor
 * replays each twice at compile time to check that.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface RepeatableMigration {
  /**
   * Identifies the repeatable in the database and orders it among the others; unique and not blank.
   * Renaming it makes a new repeatable, and leaves the old record behind as missing.
   */
  String description();

  /** One or more {@code ;}-separated statements, run in one transaction. */
  String up();
}
