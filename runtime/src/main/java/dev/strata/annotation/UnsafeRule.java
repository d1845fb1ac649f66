package dev.strata.annotation;

/**
 * A rule of the compile-time {@code [UnsafeMigration]} check: a statement that SQLite runs without
 * complaint, but that surprises later. Named in {@link Migration#allowUnsafe()} to accept it for
 * one migration.
 */
public enum UnsafeRule {
  /**
   * {@code ALTER TABLE ... ADD COLUMN ... NOT NULL} without a default: SQLite refuses it on a table
   * that holds rows, so it works on an empty development database and fails in production.
   */
  NOT_NULL_WITHOUT_DEFAULT,

  /**
   * A table rebuilt in the wrong order: {@code ALTER TABLE t RENAME TO t_old} before {@code CREATE
   * TABLE t}. With {@code legacy_alter_table = OFF}, as Strata runs, the rename rewrites every
   * foreign key, view and trigger that names {@code t} to name {@code t_old}, so they end up
   * pointing at the old table, usually dropped next. Create {@code t_new}, copy, drop {@code t} and
   * rename {@code t_new} to {@code t} instead.
   */
  RENAME_THEN_CREATE,

  /**
   * {@code DROP INDEX} of the only index that leads with a foreign key's columns: every delete or
   * key update in the parent table then scans the child table.
   */
  DROP_FOREIGN_KEY_INDEX
}
