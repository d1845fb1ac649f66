package dev.strata.processor.verify;

import dev.strata.processor.migration.MigrationModel;
import dev.strata.schema.SchemaModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schema that the SQL migrations of a chain build on the compile-time replay, read by the same
 * {@link dev.strata.schema.SchemaInspector} that {@code validate()} reads a live database with.
 *
 * @param schema what the SQL migrations built; all of the chain's schema unless {@code
 *     javaMigrations} changed it too
 * @param javaMigrations the chain's Java migrations, which the replay could not run
 * @param newest the chain's last migration
 * @param lastChanged per table (folded name), the migration that last changed it or its indexes
 */
public record ReplayedSchema(
    SchemaModel schema,
    List<MigrationModel> javaMigrations,
    MigrationModel newest,
    Map<String, MigrationModel> lastChanged) {

  public ReplayedSchema {
    javaMigrations = List.copyOf(javaMigrations);
    lastChanged = Map.copyOf(lastChanged);
  }

  /** The migration that last changed {@code table} (folded), or else the newest. */
  public MigrationModel blamed(String foldedTable) {
    return Optional.ofNullable(lastChanged.get(foldedTable)).orElse(newest);
  }
}
