package dev.strata.annotation;

import dev.strata.sql.Dialect;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
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

  /**
   * The column's SQL for one dialect other than SQLite; each part left empty follows the stated
   * mapping from the plain {@link Column} (see the README's "PostgreSQL" section): the Java type's
   * own type in that dialect, {@code 0}/{@code 1} defaults of a boolean as {@code false}/{@code
   * true}, {@code NOCASE} as a case-insensitive collation, and checks and other defaults as they
   * are.
   */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
  @Repeatable(Sqls.class)
  @interface Sql {
    Dialect dialect();

    String sqlType() default "";

    String defaultValue() default "";

    String check() default "";

    String collate() default "";
  }

  /** Container for repeated {@code @Column.Sql}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
  @interface Sqls {
    Sql[] value();
  }
}
