package dev.strata.processor.migration;

import dev.strata.sql.Dialect;
import java.util.List;

/**
 * The text of a SQL-form migration for one dialect other than the plain text's, from its {@code
 * Migration.Sql}: split as that dialect reads it and checksummed on its own.
 *
 * @param up the statements as written, comment-only ones dropped
 * @param down the undo statements; empty exactly when the plain text has no down
 */
public record DialectText(Dialect dialect, List<String> up, List<String> down, String checksum) {
  public DialectText {
    up = List.copyOf(up);
    down = List.copyOf(down);
  }
}
