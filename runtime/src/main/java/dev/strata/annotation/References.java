package dev.strata.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A single-column foreign key from this column to another entity. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface References {
  /** The parent entity. */
  Class<?> entity();

  /** The parent column; defaults to the parent's single-column primary key. */
  String column() default "";

  Action onDelete() default Action.NO_ACTION;

  Action onUpdate() default Action.NO_ACTION;
}
