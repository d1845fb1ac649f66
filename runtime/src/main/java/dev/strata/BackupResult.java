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
 * @param copyTime taking the consistent snapshot of the live database and copying it into the zip
 *     (the live file itself, pinned by a read transaction, or SQLite's online backup)
 * @param checkTime the time the checks add after the copy: the read of the snapshot's history, the
 *     pass that hashes the copy (sha256 and the zip's CRC-32), and {@code PRAGMA integrity_check},
 *     which runs on the snapshot on another thread from the start of the copy
 * @param writeTime completing, syncing and moving the zip into place
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
