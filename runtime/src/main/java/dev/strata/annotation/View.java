package dev.strata.annotation;

import dev.strata.sql.Dialect;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
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

  /**
   * The view's {@code SELECT} for one dialect, where {@link View#sql()} does not run there as it
   * is; a dialect without its own form uses {@link View#sql()}.
   */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @Repeatable(Sqls.class)
  @interface Sql {
    Dialect dialect();

    String sql();
  }

  /** Container for repeated {@code @View.Sql}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface Sqls {
    Sql[] value();
  }
}
