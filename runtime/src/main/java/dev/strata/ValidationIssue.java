package dev.strata;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One problem found by {@link Strata#validate()}.
 *
 * @param kind what went wrong
 * @param version the migration concerned; empty for schema drift
 * @param subject what the issue is about, for display: {@code "version 3"} or a schema object such
 *     as {@code "table part"}
 * @param message a sentence that explains the issue and names its subject
 */
public record ValidationIssue(Kind kind, OptionalLong version, String subject, String message) {
  /** The kinds of problems. */
  public enum Kind {
    /**
     * An applied migration's checksum differs from the registry's: it was edited after applying.
     */
    CHECKSUM_MISMATCH,
    /** A migration is in the history but no longer in the registry. */
    MISSING_FROM_REGISTRY,
    /**
     * The history is ahead of the registry: applied migrations newer than the application's last
     * one, reported once (an older build running against a newer database).
     */
    NEWER_THAN_APPLICATION,
    /** A pending migration is older than the applied head. */
    OUT_OF_ORDER,
    /**
     * A non-transactional migration failed part-way (recorded FAILED), or its process died before
     * it finished.
     */
    FAILED_MIGRATION,
    /**
     * The live schema differs from the {@link dev.strata.spi.SchemaDefinition}: one issue per
     * {@link dev.strata.schema.Drift} item, whose rendering is the message.
     */
    SCHEMA_DRIFT
  }

  public ValidationIssue {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  /** An issue about one migration version. */
  public static ValidationIssue ofVersion(Kind kind, long version, String message) {
    return new ValidationIssue(kind, OptionalLong.of(version), "version " + version, message);
  }
}
