package dev.strata.processor;


import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.strata.spi.MigrationRegistry;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/**
 * Migration sources in {@code com.example.db}, compiled with every lint warning on (so that the
 * generated registry is shown to compile cleanly), and a small realistic set in both forms.
 */
final class MigrationSources {
  static final String REGISTRY = "com.example.db.StrataMigrations";
  private static final String LINT = "-Xlint:all,-processing";

  private MigrationSources() {}

  /** A source file in {@code com.example.db}; {@code simpleName} must match its class. */
  static JavaFileObject source(String simpleName, String body) {
    return JavaFileObjects.forSourceString(
        "com.example.db." + simpleName, "package com.example.db;\n\n" + body);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(sources));
  }

  static Compilation compile(List<JavaFileObject> sources, String... options) {
    List<String> all = new ArrayList<>(List.of(LINT));
    all.addAll(List.of(options));
    return Sources.compile(sources, all.toArray(String[]::new));
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

  static final JavaFileObject CREATE_CATEGORIES = source("V1_CreateCategories", """
      import dev.strata.annotation.Migration;

      @Migration(
          version = 1,
          up = "CREATE TABLE categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
          down = "DROP TABLE categories")
      final class V1_CreateCategories {}
      """);

  static final JavaFileObject CREATE_PARTS = source("V2_CreateParts", """
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

  static final JavaFileObject ADD_PART_CODES = source("AddPartCodes", """
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

  static final JavaFileObject IMPORT_SKU_DATA = source("V4_ImportSKUData", """
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

  static List<JavaFileObject> all() {
    return List.of(CREATE_CATEGORIES, CREATE_PARTS, ADD_PART_CODES, IMPORT_SKU_DATA);
  }
}
