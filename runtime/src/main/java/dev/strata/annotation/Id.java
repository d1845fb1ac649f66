package dev.strata.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Part of the primary key; several {@code @Id} make a composite key, in declaration order. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Id {
  /** {@code AUTOINCREMENT}; only for a single integral primary key. */
  boolean autoIncrement() default false;
}
