package dev.strata.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A (possibly composite) foreign key declared on the child entity. */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Repeatable(ForeignKey.List.class)
public @interface ForeignKey {
  /** Column names of this entity. */
  String[] columns();

  /** The parent entity. */
  Class<?> entity();

  /** Parent column names, pairwise with {@link #columns()}; they must be its PK or unique. */
  String[] references();

  Action onDelete() default Action.NO_ACTION;

  Action onUpdate() default Action.NO_ACTION;

  /** Container for repeated {@code @ForeignKey}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface List {
    ForeignKey[] value();
  }
}
