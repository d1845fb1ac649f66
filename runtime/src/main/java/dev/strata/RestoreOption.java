package dev.strata;

/** Options of {@link Strata#restore(java.nio.file.Path, RestoreOption...)}. */
public enum RestoreOption {
  /**
   * Restores a backup whose schema is not compatible with the application: one whose head is newer
   * than the registry's, or whose applied migrations are not a prefix of the registry's. The
   * integrity checks still apply; a damaged backup is never restored.
   */
  FORCE
}
