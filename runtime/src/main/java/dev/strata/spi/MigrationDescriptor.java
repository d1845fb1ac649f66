package dev.strata.spi;

import dev.strata.JavaMigration;
import dev.strata.MigrationType;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One registered migration, as the processor saw it at compile time.
 *
 * @param version positive, unique within the registry
 * @param description human-readable, shown in {@code info()} and stored in the history
 * @param type SQL or Java form
 * @param checksum {@code sha256:<hex>} of the normalised statements or of the class's source tree
 * @param reversible whether {@code down} is implemented
 * @param transactional whether the step shares one transaction with its history row
 * @param foreignKeys {@code false} for a table rebuild: the engine switches foreign-key enforcement
 *     off around the step and runs {@code PRAGMA foreign_key_check} before it records the step (see
 *     {@link dev.strata.annotation.Migration#foreignKeys()}); {@code true} for every other step
 * @param destructive whether the step declares that it drops data on purpose (see {@link
 *     dev.strata.annotation.Migration#destructive()}); the engine runs such a step like any other
 * @param source the fully qualified name of the annotated class, for messages
 * @param factory creates the executable migration without reflection
 */
public record MigrationDescriptor(
    long version,
    String description,
    MigrationType type,
    String checksum,
    boolean reversible,
    boolean transactional,
    boolean foreignKeys,
    boolean destructive,
    String source,
    Supplier<? extends JavaMigration> factory) {

  public MigrationDescriptor {
    if (version <= 0) {
      throw new IllegalArgumentException("version must be positive: " + version);
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(factory, "factory");
  }
}
