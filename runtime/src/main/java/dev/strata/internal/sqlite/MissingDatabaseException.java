package dev.strata.internal.sqlite;

import dev.strata.StrataException;

/**
 * A read found no database file where the URL points, and created none; {@code info()} then shows
 * every migration as pending.
 */
public final class MissingDatabaseException extends StrataException {
  private static final long serialVersionUID = 1L;

  MissingDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
