package dev.strata;

import dev.strata.sql.Dialect;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A migration step failed. The message names the version, the description and the statement. */
public class MigrationException extends StrataException {
  private static final long serialVersionUID = 1L;

  /** The most of a statement a message quotes; longer ones are excerpted. */
  private static final int QUOTED_CHARS = 200;

  private static final int QUOTED_REASON_CHARS = 300;

  /** Where SQLite's parser says it stopped: {@code near "x": syntax error}. */
  private static final Pattern NEAR =
      Pattern.compile("(?:near|unrecognized token:) \"(.{1," + QUOTED_CHARS / 2 + "}?)\"");

  private final long version;
  private final String description;
  private final String statement;

  public MigrationException(long version, String description, String statement, Throwable cause) {
    this(
        version,
        description,
        statement,
        message(version, description, statement, null, cause),
        cause);
  }

  /**
   * A failure of {@code statement}; {@code position}, such as {@code "3 of up"}, tells it from an
   * identical statement elsewhere in the script.
   */
  public static MigrationException failedAt(
      long version, String description, String statement, String position, Throwable cause) {
    return new MigrationException(
        version,
        description,
        statement,
        message(version, description, statement, position, cause),
        cause);
  }

  /** For a step that could not run at all, such as one another process left unfinished. */
  public MigrationException(long version, String description, String reason) {
    this(
        version,
        description,
        null,
        "Migration " + version + " (" + description + "): " + reason,
        null);
  }

  /**
   * A failure as the history recorded it, message and all: every caller of a step that failed
   * outside a transaction reports the same text. {@code failure}, when this caller saw it happen,
   * gives the cause, and the statement if it is a {@code MigrationException}.
   */
  public static MigrationException recorded(
      long version, String description, String message, Throwable failure) {
    if (failure instanceof MigrationException step) {
      return new MigrationException(version, description, step.statement, message, step.getCause());
    }
    return new MigrationException(version, description, null, message, failure);
  }

  /** {@link #recorded(long, String, String, Throwable)} as read from the history. */
  public static MigrationException recorded(long version, String description, String message) {
    return recorded(version, description, message, null);
  }

  /** A statement the engine refused to run, with the reason. */
  public static MigrationException refused(
      long version, String description, String statement, String reason) {
    return new MigrationException(
        version,
        description,
        statement,
        "Migration "
            + version
            + " ("
            + description
            + ") refused statement"
            + quote(statement, null, null)
            + "\n"
            + reason,
        null);
  }

  private MigrationException(
      long version, String description, String statement, String message, Throwable cause) {
    super(message, cause);
    this.version = version;
    this.description = description;
    this.statement = statement;
  }

  public long version() {
    return version;
  }

  public String description() {
    return description;
  }

  /** The statement that was running when the step failed, if the failure came from SQL. */
  public Optional<String> statement() {
    return Optional.ofNullable(statement);
  }

  private static String message(
      long version, String description, String statement, String position, Throwable cause) {
    StringBuilder text =
        new StringBuilder("Migration ")
            .append(version)
            .append(" (")
            .append(description)
            .append(") failed");
    // The database's own words; sqlite-jdbc's "[SQLITE_ERROR] SQL error or missing database (..)"
    // and
    // pgjdbc's "ERROR: " add nothing.
    String reason = cause instanceof SQLException e ? Dialect.message(e) : String.valueOf(cause);
    if (statement != null) {
      text.append(" at statement")
          .append(position != null ? " " + position : "")
          .append(quote(statement, reason, position))
          .append('\n')
          .append("Cause");
    }
    return text.append(": ").append(bounded(reason)).toString();
  }

  /**
   * {@code ": statement"}, or for a long one an excerpt with the statement's length: a message must
   * stay readable (and loggable) when a migration inserts a megabyte literal. The excerpt is taken
   * around the token SQLite names ({@code near "x": syntax error}) if it can be found, else from
   * the start. The whole statement stays available through {@link #statement()}.
   */
  private static String quote(String statement, String reason, String position) {
    int length = statement.length();
    if (length <= QUOTED_CHARS) {
      return ": " + statement;
    }
    int at = errorAt(statement, reason);
    int start = at < 0 ? 0 : Math.max(0, Math.min(at - QUOTED_CHARS / 3, length - QUOTED_CHARS));
    int end = start + QUOTED_CHARS;
    // Never split a surrogate pair.
    if (start > 0 && Character.isLowSurrogate(statement.charAt(start))) {
      start++;
    }
    if (Character.isHighSurrogate(statement.charAt(end - 1))) {
      end--;
    }
    return (position != null ? ", " : " (")
        + count(length)
        + " characters, quoted from character "
        + count(start + 1)
        + " to "
        + count(end)
        + (position != null ? "" : ")")
        + ": "
        + (start > 0 ? "..." : "")
        + statement.substring(start, end)
        + (end < length ? "..." : "");
  }

  /** The index of the token SQLite's message names, or -1. */
  private static int errorAt(String statement, String reason) {
    if (reason == null) {
      return -1;
    }
    Matcher near = NEAR.matcher(reason);
    if (!near.find() || near.group(1).isEmpty()) {
      return -1;
    }
    return statement.indexOf(near.group(1));
  }

  /** SQLite's message, cut if it repeats a huge token ({@code unrecognized token: "'xxx…"}). */
  private static String bounded(String reason) {
    if (reason.length() <= QUOTED_REASON_CHARS) {
      return reason;
    }
    int end = QUOTED_REASON_CHARS;
    if (Character.isHighSurrogate(reason.charAt(end - 1))) {
      end--;
    }
    return reason.substring(0, end) + "... (" + count(reason.length()) + " characters)";
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
