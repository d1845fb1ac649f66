package dev.strata.schema;

/**
 * A schema could not be read, such as DDL that SQLite rejects. The engine reports it as its own.
 */
public class SchemaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SchemaException(String message, Throwable cause) {
    super(message, cause);
  }
}
