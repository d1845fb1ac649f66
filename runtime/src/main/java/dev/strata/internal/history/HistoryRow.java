package dev.strata.internal.history;

import dev.strata.MigrationInfo;
import dev.strata.MigrationState;
import dev.strata.MigrationType;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** One row of {@code strata_history}. */
public record HistoryRow(
    long installedRank,
    long version,
    String description,
    MigrationType type,
    String checksum,
    Instant installedOn,
    String installedBy,
    long executionMs,
    boolean success) {

  public MigrationInfo toInfo(MigrationState state) {
    return new MigrationInfo(
        version,
        description,
        type,
        checksum,
        state,
        Optional.of(installedOn),
        Optional.of(installedBy),
        OptionalLong.of(executionMs));
  }
}
