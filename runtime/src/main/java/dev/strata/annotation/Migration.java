package dev.strata.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares one migration step. On a class that implements {@link dev.strata.JavaMigration} the code
 * is the migration; on a class with no body, {@link #up()} and {@link #down()} hold the SQL. The
 * annotation processor turns every {@code @Migration} of a compilation into the generated,
 * version-ordered {@code StrataMigrations} registry.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Migration {
  /** Positive and unique; timestamps such as {@code 20261121153000} work. */
  long version();

  /** Defaults to the class's simple name split into words. */
  String description() default "";

  /** SQL-form body: one or more {@code ;}-separated statements. */
  String up() default "";

  /** SQL-form undo; empty means the migration cannot be rolled back. */
  String down() default "";

  /** Whether the step runs inside the transaction that also records it in the history. */
  boolean transactional() default true;
}
