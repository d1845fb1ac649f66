package dev.strata.testing;

import dev.strata.MigrationType;
import dev.strata.SqlMigration;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.SchemaDefinition;
import dev.strata.sql.Dialect;
import dev.strata.sql.SqlSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Chains of migrations built in code, as the generated {@code StrataMigrations} would build them.
 */
final class VerifierRegistries {
  private VerifierRegistries() {}

  static final MigrationDescriptor CATEGORY =
      sql(
          1,
          "Create category",
          "CREATE TABLE category (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
              + " kind TEXT NOT NULL CHECK (kind IN ('raw', 'made')))",
          "DROP TABLE category");

  static final MigrationDescriptor PART =
      sql(
          2,
          "Create part",
          "CREATE TABLE part (id INTEGER PRIMARY KEY,"
              + " category_id INTEGER NOT NULL REFERENCES category (id),"
              + " name TEXT NOT NULL, note TEXT, qty INTEGER NOT NULL CHECK (qty >= 0));"
              + " CREATE INDEX part_name ON part (name)",
          "DROP INDEX part_name; DROP TABLE part");

  /** A seed with fixed keys: it fails when rows with those keys are already there. */
  static final MigrationDescriptor SEED =
      sql(
          3,
          "Seed categories",
          "INSERT INTO category (id, code, kind) VALUES (1, 'bolt', 'raw'), (2, 'kit', 'made')",
          "DELETE FROM category WHERE id IN (1, 2)");

  static final MigrationDescriptor TAG =
      sql(
          4,
          "Create tag",
          "CREATE TABLE tag (id INTEGER PRIMARY KEY, part_id INTEGER REFERENCES part (id),"
              + " label TEXT NOT NULL)",
          "DROP TABLE tag");

  /** The entities of {@code CATEGORY, PART, SEED, TAG}. */
  static final List<String> ENTITIES =
      List.of(
          "CREATE TABLE category (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE,"
              + " kind TEXT NOT NULL CHECK (kind IN ('raw', 'made')))",
          "CREATE TABLE part (id INTEGER PRIMARY KEY,"
              + " category_id INTEGER NOT NULL REFERENCES category (id),"
              + " name TEXT NOT NULL, note TEXT, qty INTEGER NOT NULL CHECK (qty >= 0))",
          "CREATE TABLE tag (id INTEGER PRIMARY KEY, part_id INTEGER REFERENCES part (id),"
              + " label TEXT NOT NULL)",
          "CREATE INDEX part_name ON part (name)");

  static MigrationRegistry correct() {
    return registry(CATEGORY, PART, SEED, TAG);
  }

  /** A schema whose DDL, written to run on both, is its SQLite and its PostgreSQL DDL. */
  static SchemaDefinition schema(List<String> statements) {
    return new SchemaDefinition() {
      @Override
      public List<String> statements() {
        return statements;
      }

      @Override
      public Set<Dialect> dialects() {
        return Set.of(Dialect.SQLITE, Dialect.POSTGRESQL);
      }

      @Override
      public List<String> statements(Dialect dialect) {
        return statements;
      }
    };
  }

  /** A schema generated for SQLite alone, as without {@code -Astrata.dialects}. */
  static SchemaDefinition sqliteOnly(List<String> statements) {
    return () -> statements;
  }

  static SchemaDefinition entities() {
    return schema(ENTITIES);
  }

  /** {@link #correct()} plus {@code extra}. */
  static MigrationRegistry correctPlus(MigrationDescriptor... extra) {
    List<MigrationDescriptor> all = new ArrayList<>(correct().migrations());
    all.addAll(List.of(extra));
    return registry(all.toArray(MigrationDescriptor[]::new));
  }

  /** A reversible SQL migration. */
  static MigrationDescriptor sql(long version, String description, String up, String down) {
    return descriptor(version, description, up, down, true, false);
  }

  /** {@code m} with PostgreSQL's own text, as {@code @Migration.Sql(dialect = POSTGRESQL)}. */
  static MigrationDescriptor onPostgresql(MigrationDescriptor m, String up, String down) {
    List<String> upStatements = Dialect.POSTGRESQL.split(up);
    List<String> downStatements = Dialect.POSTGRESQL.split(down);
    return m.withVariant(
        Dialect.POSTGRESQL,
        "sha256:" + Integer.toHexString((up + down).hashCode()),
        !downStatements.isEmpty(),
        () -> new SqlMigration(upStatements, downStatements));
  }

  /** A table rebuild: foreign keys off around the step. */
  static MigrationDescriptor rebuild(long version, String description, String up, String down) {
    return descriptor(version, description, up, down, false, false);
  }

  /** A migration that declares it drops data on purpose. */
  static MigrationDescriptor destructive(long version, String description, String up, String down) {
    return descriptor(version, description, up, down, true, true);
  }

  private static MigrationDescriptor descriptor(
      long version,
      String description,
      String up,
      String down,
      boolean foreignKeys,
      boolean destructive) {
    List<String> upStatements = SqlSplitter.split(up);
    List<String> downStatements = SqlSplitter.split(down);
    return new MigrationDescriptor(
        version,
        description,
        MigrationType.SQL,
        "sha256:" + Integer.toHexString((up + down).hashCode()),
        !downStatements.isEmpty(),
        true,
        foreignKeys,
        destructive,
        "test.V" + version,
        () -> new SqlMigration(upStatements, downStatements));
  }

  static MigrationRegistry registry(MigrationDescriptor... migrations) {
    List<MigrationDescriptor> copy = List.of(migrations);
    return () -> copy;
  }
}
