package dev.strata;

import java.time.Instant;

/** One row of {@code strata_history}. */
record HistoryRow(
    long installedRank,
    long version,
    String description,
    MigrationType type,
    String checksum,
    Instant installedOn,
    String installedBy,
    long executionMs,
    boolean success) {}
