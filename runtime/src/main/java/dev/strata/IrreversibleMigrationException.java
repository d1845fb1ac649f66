package dev.strata;

/** Thrown when a rollback reaches a migration that has no {@code down}. */
public class IrreversibleMigrationException extends StrataException {
  private static final long serialVersionUID = 1L;

  public IrreversibleMigrationException(long version, String description) {
    super("Migration " + version + " (" + description + ") is irreversible: it has no down step");
  }

  /** A refusal that names several steps at once, such as a rollback's before it starts. */
  public IrreversibleMigrationException(String message) {
    super(message);
  }
}
