package dev.strata.spi;

import dev.strata.JavaMigration;
import dev.strata.MigrationType;
import dev.strata.sql.Dialect;
import java.util.ArrayList;
import java.util.List;
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
 * @param variants the SQL-form migration's own texts for other dialects than the plain text's, by
 *     {@link #on(Dialect)}; empty for a Java migration, whose code asks {@link
 *     dev.strata.MigrationContext#dialect()}
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
    Supplier<? extends JavaMigration> factory,
    List<Variant> variants) {

  /**
   * The text of a SQL-form migration for one dialect: its own checksum, reversibility and
   * statements.
   */
  public record Variant(
      Dialect dialect,
      String checksum,
      boolean reversible,
      Supplier<? extends JavaMigration> factory) {
    public Variant {
      Objects.requireNonNull(dialect, "dialect");
      Objects.requireNonNull(checksum, "checksum");
      Objects.requireNonNull(factory, "factory");
    }
  }

  /** A migration with one text for every dialect. */
  public MigrationDescriptor(
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
    this(
        version,
        description,
        type,
        checksum,
        reversible,
        transactional,
        foreignKeys,
        destructive,
        source,
        factory,
        List.of());
  }

  public MigrationDescriptor {
    if (version <= 0) {
      throw new IllegalArgumentException("version must be positive: " + version);
    }
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(factory, "factory");
    variants = List.copyOf(variants);
    // A loop, not a stream: a registry builds thousands of descriptors at each start.
    for (int i = 1; i < variants.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (variants.get(i).dialect() == variants.get(j).dialect()) {
          throw new IllegalArgumentException("two texts for one dialect in migration " + version);
        }
      }
    }
  }

  /** This migration with one more dialect's own text. */
  public MigrationDescriptor withVariant(
      Dialect dialect,
      String checksum,
      boolean reversible,
      Supplier<? extends JavaMigration> factory) {
    List<Variant> more = new ArrayList<>(variants);
    more.add(new Variant(dialect, checksum, reversible, factory));
    return with(this.checksum, this.reversible, this.factory, more);
  }

  /**
   * The migration as a database of {@code dialect} runs it: with that dialect's own text, checksum
   * and reversibility when it has one, else as it is.
   */
  public MigrationDescriptor on(Dialect dialect) {
    for (Variant variant : variants) {
      if (variant.dialect() == dialect) {
        return with(variant.checksum(), variant.reversible(), variant.factory(), List.of());
      }
    }
    return variants.isEmpty() ? this : with(checksum, reversible, factory, List.of());
  }

  /** This migration with another text: its checksum, reversibility, factory and variants. */
  private MigrationDescriptor with(
      String checksum,
      boolean reversible,
      Supplier<? extends JavaMigration> factory,
      List<Variant> variants) {
    return new MigrationDescriptor(
        version,
        description,
        type,
        checksum,
        reversible,
        transactional,
        foreignKeys,
        destructive,
        source,
        factory,
        variants);
  }
}
