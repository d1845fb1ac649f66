package dev.strata.processor.entity;

import dev.strata.Strata;
import dev.strata.sql.SqlIdentifiers;
import java.util.Optional;

/**
 * SQL identifiers derived from Java names, and the names SQLite or Strata will not take. Quoting
 * and comparing names is the runtime's {@link SqlIdentifiers}, shared with the drift check.
 */
public final class Identifiers {

  private Identifiers() {}

  /**
   * {@code OrderLine} → {@code order_line}, {@code userID} → {@code user_id}. {@code URLPath} →
   * {@code url_path}.
   */
  public static String snakeCase(String javaName) {
    StringBuilder out = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char before = javaName.charAt(i - 1);
        boolean nextIsLower =
            i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
        if (Character.isLowerCase(before)
            || Character.isDigit(before)
            || (Character.isUpperCase(before) && nextIsLower)) {
          out.append('_');
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** Why SQLite cannot take this name for a user object, if it cannot. */
  public static Optional<String> problem(String name) {
    if (name.isBlank()) {
      return Optional.of("a name must not be blank");
    }
    if (SqlIdentifiers.fold(name).startsWith("sqlite_")) {
      return Optional.of("the 'sqlite_' prefix is reserved for SQLite's own objects");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("a name must not contain control characters");
    }
    return Optional.empty();
  }

  /** Why a table, view or index cannot take this name, if it cannot. */
  public static Optional<String> relationProblem(String name) {
    if (SqlIdentifiers.fold(name).equals(Strata.HISTORY_TABLE)) {
      return Optional.of("the name belongs to Strata's history table");
    }
    if (SqlIdentifiers.fold(name).equals(Strata.REPEATABLES_TABLE)) {
      return Optional.of("the name belongs to Strata's table of repeatable migrations");
    }
    return problem(name);
  }
}
