package dev.strata.sql;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The connection settings that change what a statement means or whether it fails: the engine gives
 * them to every connection it opens, and the annotation processor to the in-memory database on
 * which it replays migrations, so that a migration fails at compile time exactly where it would
 * fail at run time. Each is set explicitly, whatever the driver's or a user's {@code DataSource}'s
 * defaults are.
 *
 * <ul>
 *   <li>{@code foreign_keys = ON}: keys are enforced, and their ON DELETE actions run;
 *   <li>{@code legacy_alter_table = OFF}: {@code ALTER TABLE ... RENAME} rewrites the references in
 *       triggers, views and foreign keys, and fails when one of them no longer resolves;
 *   <li>{@code recursive_triggers = OFF}, {@code defer_foreign_keys = OFF}, {@code
 *       ignore_check_constraints = OFF} and {@code case_sensitive_like = OFF}: SQLite's defaults,
 *       pinned.
 * </ul>
 *
 * <p>The other PRAGMAs the engine sets ({@code journal_mode}, {@code synchronous}, {@code
 * busy_timeout}) change durability and waiting, not what a statement does. {@code trusted_schema}
 * is a security choice left to the user's {@code DataSource}. None of these settings writes to the
 * database file, so read-only connections take them too.
 */
public final class SqliteSettings {
  /** The statements that apply the settings, in order; each is idempotent. */
  public static final List<String> PRAGMAS =
      List.of(
          foreignKeys(true),
          "PRAGMA legacy_alter_table = OFF",
          "PRAGMA recursive_triggers = OFF",
          "PRAGMA defer_foreign_keys = OFF",
          "PRAGMA ignore_check_constraints = OFF",
          "PRAGMA case_sensitive_like = OFF");

  private SqliteSettings() {}

  /** Applies every setting through {@code statement}, outside any transaction. */
  public static void apply(Statement statement) throws SQLException {
    for (String pragma : PRAGMAS) {
      statement.execute(pragma);
    }
  }

  /**
   * The statement that switches foreign-key enforcement; SQLite ignores it inside a transaction. A
   * step declared with {@code foreignKeys = false} runs with enforcement off.
   */
  public static String foreignKeys(boolean enforced) {
    return "PRAGMA foreign_keys = " + (enforced ? "ON" : "OFF");
  }
}
