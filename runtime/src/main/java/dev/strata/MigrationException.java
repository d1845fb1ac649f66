package dev.strata;

import java.util.Optional;

/** A migration step failed. The message names the version, the description and the statement. */
public class MigrationException extends StrataException {
  private static final long serialVersionUID = 1L;

  private final long version;
  private final String description;
  private final String statement;

  public MigrationException(long version, String description, String statement, Throwable cause) {
    super(message(version, description, statement, cause), cause);
    this.version = version;
    this.description = description;
    this.statement = statement;
  }

  /** For a step that could not run at all, such as one another process left unfinished. */
  public MigrationException(long version, String description, String reason) {
    super("Migration " + version + " (" + description + "): " + reason);
    this.version = version;
    this.description = description;
    this.statement = null;
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

  private static String message(long version, String description, String statement, Throwable cause) {
    StringBuilder text = new StringBuilder("Migration ").append(version)
        .append(" (").append(description).append(") failed");
    if (statement != null) {
      text.append(" at statement: ").append(statement).append('\n').append("Cause");
    }
    return text.append(": ").append(cause).toString();
  }
}
