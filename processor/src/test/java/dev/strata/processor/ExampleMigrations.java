package dev.strata.processor;

import com.google.testing.compile.Compilation;
import dev.strata.spi.MigrationRegistry;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * The migration tests' package, {@code com.example.db}, where the registry lands; a small,
 * realistic set of migrations in both forms; and readers for what the processor generates.
 */
final class ExampleMigrations {
  static final String PACKAGE = "com.example.db";
  static final String REGISTRY = PACKAGE + ".StrataMigrations";

  private ExampleMigrations() {}

  /** {@link Sources#source} in {@code com.example.db}; {@code simpleName} must match its class. */
  static JavaFileObject migrationSource(String simpleName, String body) {
    return Sources.source(PACKAGE + "." + simpleName, body);
  }

  static String registrySource(Compilation compilation) {
    return Sources.generatedSource(compilation, REGISTRY);
  }

  static String serviceFile(Compilation compilation) {
    return Sources.resource(compilation, "META-INF/services/" + MigrationRegistry.class.getName());
  }

  /** The compiled registry, loaded with the migrations it instantiates. */
  static MigrationRegistry registry(Compilation compilation) {
    return new GeneratedClasses(compilation).newInstance(REGISTRY, MigrationRegistry.class);
  }

  static final JavaFileObject CREATE_CATEGORIES =
      migrationSource(
          "V1_CreateCategories",
          """
          import dev.strata.annotation.Migration;

          @Migration(
              version = 1,
              up = "CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
              down = "DROP TABLE categories")
          final class V1_CreateCategories {}
          """);

  static final JavaFileObject CREATE_PARTS =
      migrationSource(
          "V2_CreateParts",
          """
          import dev.strata.annotation.Migration;

          @Migration(
              version = 2,
              up = \"""
                  -- every part belongs to one category
                  CREATE TABLE parts (
                    id INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    category_id INTEGER NOT NULL REFERENCES categories (id)
                  );
                  CREATE INDEX parts_category ON parts (category_id);
                  \""")
          final class V2_CreateParts {}
          """);

  static final JavaFileObject ADD_PART_CODES =
      migrationSource(
          "AddPartCodes",
          """
          import dev.strata.JavaMigration;
          import dev.strata.MigrationContext;
          import dev.strata.annotation.Migration;

          @Migration(version = 3, description = "Add and backfill part codes")
          public class AddPartCodes implements JavaMigration {
            @Override
            public void up(MigrationContext ctx) throws Exception {
              ctx.execute("ALTER TABLE parts ADD COLUMN code TEXT");
              ctx.update("UPDATE parts SET code = upper(substr(name, 1, 3)) || id");
            }

            @Override
            public void down(MigrationContext ctx) throws Exception {
              ctx.execute("ALTER TABLE parts DROP COLUMN code");
            }
          }
          """);

  static final JavaFileObject IMPORT_SKU_DATA =
      migrationSource(
          "V4_ImportSKUData",
          """
          import dev.strata.JavaMigration;
          import dev.strata.MigrationContext;
          import dev.strata.annotation.Migration;

          @Migration(version = 4, transactional = false)
          public class V4_ImportSKUData implements JavaMigration {
            @Override
            public void up(MigrationContext ctx) throws Exception {
              ctx.execute("CREATE TABLE skus (code TEXT PRIMARY KEY)");
            }
          }
          """);

  /** Repeatable: a view, re-created whenever its text changes; sorts after "Category names". */
  static final JavaFileObject PART_VIEW =
      migrationSource(
          "AViewOfParts",
          """
          import dev.strata.annotation.RepeatableMigration;

          @RepeatableMigration(
              description = "Part list view",
              up = \"""
                  DROP VIEW IF EXISTS part_list;
                  CREATE VIEW part_list AS
                    SELECT p.id, p.name, c.name AS category FROM parts p JOIN categories c
                      ON c.id = p.category_id;
                  \""")
          final class AViewOfParts {}
          """);

  /** Repeatable: reference data, upserted so that it can run again. */
  static final JavaFileObject CATEGORY_NAMES =
      migrationSource(
          "ZCategoryNames",
          """
          import dev.strata.annotation.RepeatableMigration;

          @RepeatableMigration(
              description = "Category names",
              up = "INSERT INTO categories (id, name) VALUES (1, 'Fasteners'), (2, 'Electrical')"
                  + " ON CONFLICT (id) DO UPDATE SET name = excluded.name")
          final class ZCategoryNames {}
          """);

  static List<JavaFileObject> all() {
    return List.of(
        CREATE_CATEGORIES,
        CREATE_PARTS,
        ADD_PART_CODES,
        IMPORT_SKU_DATA,
        PART_VIEW,
        CATEGORY_NAMES);
  }
}
