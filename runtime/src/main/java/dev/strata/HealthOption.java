package dev.strata;

/** Options of {@link Strata#health}. */
public enum HealthOption {
  /**
   * Also runs {@code PRAGMA quick_check}, which reads the whole file (about a second per GB where
   * it was measured): too slow for a default readiness probe, so it is off unless asked for.
   */
  CHECK_INTEGRITY
}
