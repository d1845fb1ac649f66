package dev.strata;

/**
 * The one-word verdict of {@link Strata#health}, for a readiness probe.
 *
 * <ul>
 *   <li>{@link #DOWN}: the application should not serve from this database;
 *   <li>{@link #DEGRADED}: it may serve, but an operator should look (see the reasons);
 *   <li>{@link #UP}: nothing to report.
 * </ul>
 */
public enum HealthStatus {
  /** Nothing to report. */
  UP,
  /**
   * Usable, but not as this application expects: pending or out-of-order migrations, a checksum
   * mismatch, an applied migration no longer in the registry, or a step still running.
   */
  DEGRADED,
  /**
   * Not usable: the database cannot be opened or read, is missing, has a failed step, is newer than
   * the application, or (with {@link HealthOption#CHECK_INTEGRITY}) fails {@code PRAGMA
   * quick_check}.
   */
  DOWN
}
