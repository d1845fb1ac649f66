package dev.strata;

/**
 * A migration written in Java. Annotate the implementing class with {@link
 * dev.strata.annotation.Migration}; the processor registers it and hashes its source, so an edit to
 * an applied migration is caught by {@code validate()}. A class that does not override {@link
 * #down} is irreversible.
 */
public interface JavaMigration {
  /** Moves the database one version forward. */
  void up(MigrationContext ctx) throws Exception;

  /** Undoes {@link #up}; the default refuses, which marks the migration irreversible. */
  default void down(MigrationContext ctx) throws Exception {
    throw new IrreversibleMigrationException(ctx.version(), ctx.description());
  }
}
