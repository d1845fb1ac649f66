package dev.strata.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Overrides how a field or record component maps to a column. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Column {
  /** Defaults to the snake_case of the field name. */
  String name() default "";

  Nullability nullable() default Nullability.INFERRED;

  boolean unique() default false;

  /** A SQL literal or parenthesised expression, copied into {@code DEFAULT}. */
  String defaultValue() default "";

  /** Replaces the mapped SQLite type; required for Java types Strata does not map. */
  String sqlType() default "";

  /** A boolean SQL expression, copied into a column {@code CHECK}. */
  String check() default "";

  /** A collation such as {@code NOCASE}. */
  String collate() default "";
}
