package dev.strata;

import dev.strata.sql.SqliteMessages;
import java.sql.SQLException;
import java.util.Optional;

/** A migration step failed. The message names the version, the description and the statement. */
public class MigrationException extends StrataException {
  private static final long serialVersionUID = 1L;

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
            + ") refused statement: "
            + statement
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
    if (statement != null) {
      text.append(" at statement")
          .append(position != null ? " " + position : "")
          .append(": ")
          .append(statement)
          .append('\n')
          .append("Cause");
    }
    // SQLite's own words; sqlite-jdbc's "[SQLITE_ERROR] SQL error or missing database (..)" adds
    // nothing.
    String reason = cause instanceof SQLException e ? SqliteMessages.of(e) : String.valueOf(cause);
    return text.append(": ").append(reason).toString();
  }
}
