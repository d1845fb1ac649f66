package dev.strata;

/** The root of every exception Strata throws. */
public class StrataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StrataException(String message) {
    super(message);
  }

  public StrataException(String message, Throwable cause) {
    super(message, cause);
  }
}
