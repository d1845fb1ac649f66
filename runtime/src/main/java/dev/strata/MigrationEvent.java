package dev.strata;

/**
 * The migration step a {@link MigrationListener} hears about.
 *
 * @param version the migration's version
 * @param description its description, as stored in the history
 * @param type SQL or Java form
 * @param transactional whether the step and its history row commit in one transaction
 */
public record MigrationEvent(
    long version, String description, MigrationType type, boolean transactional) {}
