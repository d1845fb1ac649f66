package dev.strata;

/** {@link Strata#migrate()} refused to run because the history and the registry disagree. */
public class ValidationException extends StrataException {
  private static final long serialVersionUID = 1L;

  /** Not kept through serialization; the message still holds the rendered issues. */
  private final transient ValidateResult result;

  public ValidationException(ValidateResult result) {
    super("Refusing to migrate:\n" + result.render());
    this.result = result;
  }

  public ValidateResult result() {
    return result;
  }
}
