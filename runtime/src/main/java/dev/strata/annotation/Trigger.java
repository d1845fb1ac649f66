package dev.strata.annotation;

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

  /** Container for repeated {@code @Trigger}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    Trigger[] value();
  }
}
