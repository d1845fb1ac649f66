package dev.strata.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A view, created after all tables. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface View {
  /** Defaults to the snake_case of the simple name. */
  String name() default "";

  /** The {@code SELECT} (or {@code WITH ... SELECT}) that defines the view. */
  String sql();
}
