package dev.strata.annotation;

import dev.strata.sql.Dialect;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A trigger, created after all tables and views. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(Trigger.List.class)
public @interface Trigger {
  /** Defaults to the name inside {@link #sql()}; when given, it must match that name. */
  String name() default "";

  /** The whole {@code CREATE TRIGGER ... BEGIN ... END} statement. */
  String sql();

  /**
   * The dialects {@link #sql()} is written for; SQLite alone by default. A trigger's body is never
   * portable (PostgreSQL runs a function), so another dialect's form is one more {@code @Trigger}
   * of the same name, for example {@code @Trigger(name = "t", dialects = POSTGRESQL, sql = "CREATE
   * FUNCTION ...; CREATE TRIGGER t ...")}.
   */
  Dialect[] dialects() default {Dialect.SQLITE};

  /** Container for repeated {@code @Trigger}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    Trigger[] value();
  }
}
