package dev.strata.sql;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SQLite's own words from a sqlite-jdbc exception, which wraps them in a result-code preamble. */
public final class SqliteMessages {
  private static final Pattern PREAMBLE =
      // "()" is part of one preamble: "Operation terminated by sqlite3_interrupt() (interrupted)".
      Pattern.compile("^\\[\\w+\\][^(]*(?:\\(\\)[^(]*)?\\((.*)\\)$", Pattern.DOTALL);

  private SqliteMessages() {}

  /**
   * {@code [SQLITE_ERROR] SQL error or missing database (no such table: x)} → {@code no such table:
   * x}.
   */
  public static String of(SQLException e) {
    String message = String.valueOf(e.getMessage());
    Matcher m = PREAMBLE.matcher(message);
    return m.matches() ? m.group(1) : message;
  }
}
