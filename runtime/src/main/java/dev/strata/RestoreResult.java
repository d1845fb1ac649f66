package dev.strata;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Strata#restore(Path, RestoreOption...)} did.
 *
 * @param file the backup restored
 * @param previousVersion the highest applied version of the live database before, 0 when none
 * @param restoredVersion the highest applied version of the restored database
 * @param forcedPast the compatibility refusals that {@link RestoreOption#FORCE} overrode, one
 *     sentence each; empty when the backup was compatible
 * @param databaseSizeBytes the size of the restored database
 * @param checkTime unzipping, verifying the sha256 and checking the extracted copy ({@code
 *     integrity_check}, {@code foreign_key_check}, its history against the registry)
 * @param swapTime copying the checked copy into the live database, in one write transaction
 */
public record RestoreResult(
    Path file,
    long previousVersion,
    long restoredVersion,
    List<String> forcedPast,
    long databaseSizeBytes,
    Duration checkTime,
    Duration swapTime) {
  public RestoreResult {
    Objects.requireNonNull(file, "file");
    forcedPast = List.copyOf(forcedPast);
    Objects.requireNonNull(checkTime, "checkTime");
    Objects.requireNonNull(swapTime, "swapTime");
  }
}
