package dev.strata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What {@link Strata#backup(Path)} wrote.
 *
 * @param file the zip, in its final place
 * @param schemaVersion the highest applied version in the copy, 0 when none
 * @param databaseSizeBytes the size of the database copy inside the zip
 * @param sha256 the copy's sha256, in lowercase hex, as {@code manifest.json} records it
 * @param copyTime the consistent copy (SQLite's online backup) of the live database
 * @param checkTime {@code PRAGMA integrity_check} and the reads of the copy's history, while
 *     another thread hashes the copy (sha256 and the zip's CRC-32)
 * @param writeTime writing, syncing and moving the zip into place
 */
public record BackupResult(
    Path file,
    long schemaVersion,
    long databaseSizeBytes,
    String sha256,
    Duration copyTime,
    Duration checkTime,
    Duration writeTime) {
  public BackupResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(copyTime, "copyTime");
    Objects.requireNonNull(checkTime, "checkTime");
    Objects.requireNonNull(writeTime, "writeTime");
  }
}
