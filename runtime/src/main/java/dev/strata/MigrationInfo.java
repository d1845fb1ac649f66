package dev.strata;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of {@link InfoResult}: a migration of the registry, the history, or both.
 *
 * @param installedOn empty unless the history has a row for it
 * @param installedBy empty unless the history has a row for it
 * @param executionMs empty unless the history has a row for it
 */
public record MigrationInfo(
    long version,
    String description,
    MigrationType type,
    String checksum,
    MigrationState state,
    Optional<Instant> installedOn,
    Optional<String> installedBy,
    OptionalLong executionMs) {}
