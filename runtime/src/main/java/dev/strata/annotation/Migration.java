package dev.strata.annotation;

import dev.strata.sql.Dialect;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
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

  /**
   * {@code false} runs the step as SQLite's documented table rebuild (create {@code t_new}, copy,
   * drop {@code t}, rename): the engine switches foreign-key enforcement off before the step's
   * transaction, so that dropping a parent table neither cascades deletes to its children nor
   * fails, runs {@code PRAGMA foreign_key_check} before the commit (a violation rolls the step
   * back), and switches enforcement on again, whatever happens.
   *
   * <p>In order: {@code PRAGMA foreign_keys = OFF} (read back: if a transaction is open on the
   * connection, SQLite keeps enforcement on, and the step fails before it starts), {@code BEGIN
   * IMMEDIATE}, the history re-read, the step, {@code PRAGMA foreign_key_check}, the history row,
   * {@code COMMIT} (or {@code ROLLBACK}), and {@code PRAGMA foreign_keys = ON}. A violation fails
   * the step with a {@link dev.strata.MigrationException} that names each table with rows whose
   * foreign key refers to no parent row, with their count and first rowids; nothing of the step
   * stays, and no history row is written.
   *
   * <p>With {@code transactional = false} as well, enforcement is off for the whole step, which
   * runs in auto-commit mode (or in transactions of its own), and {@code PRAGMA foreign_key_check}
   * runs after it. A violation then fails the step like any other error of a non-transactional
   * step: it is not recorded, but nothing can roll back what it did. Enforcement is on again
   * afterwards in either case.
   */
  boolean foreignKeys() default true;

  /**
   * {@code true} declares that the step drops data on purpose, such as a table other tables refer
   * to with {@code ON DELETE CASCADE}; the compile-time checks and the migration verifier then
   * accept the loss.
   */
  boolean destructive() default false;

  /**
   * The {@code [UnsafeMigration]} rules this step breaks on purpose; the processor then does not
   * warn about them in its {@code up} SQL. (An annotation attribute rather than {@code
   * SuppressWarnings}, whose source retention is lost when a migration is read back from its class
   * file.)
   */
  UnsafeRule[] allowUnsafe() default {};

  /**
   * The dialects that {@link #up()} and {@link #down()} are written for; SQLite alone by default. A
   * text that runs unchanged on PostgreSQL too says {@code dialects = {SQLITE, POSTGRESQL}};
   * another dialect's own text is a {@link Sql @Migration.Sql}. When the project targets several
   * dialects ({@code -Astrata.dialects=sqlite,postgresql}), every SQL-form migration needs exactly
   * one text for each of them.
   */
  Dialect[] dialects() default {Dialect.SQLITE};

  /**
   * The SQL of a SQL-form migration for one dialect, beside the plain {@link Migration#up()}: for
   * example {@code @Migration.Sql(dialect = POSTGRESQL, up = "...", down = "...")}. Each dialect's
   * text has its own checksum, so editing one text never reports the databases of the other as
   * changed. A database runs the text of its own dialect, or the plain one when there is none.
   */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @Repeatable(Sqls.class)
  @interface Sql {
    Dialect dialect();

    /** One or more {@code ;}-separated statements, as this dialect reads them. */
    String up();

    /** The undo; empty when the plain text has no {@code down} either. */
    String down() default "";
  }

  /** Container for repeated {@code @Migration.Sql}. */
  @Documented
  @Retention(RetentionPolicy.CLASS)
  @Target(ElementType.TYPE)
  @interface Sqls {
    Sql[] value();
  }
}
