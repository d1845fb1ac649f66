package dev.strata.processor.schema;

import dev.strata.sql.SqlIdentifiers;
import java.util.Locale;
import java.util.Optional;

/**
 * SQL identifiers: deriving them from Java names, checking them and quoting them. Names are quoted
 * only when SQLite needs it (a keyword, or not a plain identifier), so the generated DDL stays
 * readable while {@code order} or {@code "unit price"} still work.
 */
public final class Identifiers {

  private Identifiers() {}

  /** The name as SQLite must see it: bare when plain, else in double quotes. */
  public static String quote(String name) {
    return SqlIdentifiers.quote(name);
  }

  /**
   * {@code OrderLine} → {@code order_line}, {@code userID} → {@code user_id}.
   * {@code URLPath} → {@code url_path}.
   */
  public static String snakeCase(String javaName) {
    StringBuilder out = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char before = javaName.charAt(i - 1);
        boolean nextIsLower = i + 1 < javaName.length()
            && Character.isLowerCase(javaName.charAt(i + 1));
        if (Character.isLowerCase(before) || Character.isDigit(before)
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
    if (name.toLowerCase(Locale.ROOT).startsWith("sqlite_")) {
      return Optional.of("the 'sqlite_' prefix is reserved for SQLite's own objects");
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return Optional.of("a name must not contain control characters");
    }
    return Optional.empty();
  }

  /** SQLite compares ASCII names case-insensitively; this is the key to compare them by. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
