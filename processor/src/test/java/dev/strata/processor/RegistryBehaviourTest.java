package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.ExampleMigrations.migrationSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.strata.MigrationType;
import dev.strata.SqlMigration;
import dev.strata.Strata;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the compiled registry and checks what the runtime will see. */
class RegistryBehaviourTest {
  @TempDir Path temp;

  @Test
  void descriptorsDescribeEachMigrationInVersionOrder() {
    List<MigrationDescriptor> migrations = registry(ExampleMigrations.all()).migrations();

    assertEquals(
        List.of(1L, 2L, 3L, 4L), migrations.stream().map(MigrationDescriptor::version).toList());
    assertEquals(
        List.of(
            "Create categories", "Create parts", "Add and backfill part codes", "Import SKU data"),
        migrations.stream().map(MigrationDescriptor::description).toList());
    assertEquals(
        List.of(MigrationType.SQL, MigrationType.SQL, MigrationType.JAVA, MigrationType.JAVA),
        migrations.stream().map(MigrationDescriptor::type).toList());
    assertEquals(
        List.of(true, false, true, false),
        migrations.stream().map(MigrationDescriptor::reversible).toList());
    assertEquals(
        List.of(true, true, true, false),
        migrations.stream().map(MigrationDescriptor::transactional).toList());
    assertEquals(
        List.of(true, true, true, true),
        migrations.stream().map(MigrationDescriptor::foreignKeys).toList());
    assertEquals(
        List.of(false, false, false, false),
        migrations.stream().map(MigrationDescriptor::destructive).toList());
    assertEquals("com.example.db.AddPartCodes", migrations.get(2).source());
    migrations.forEach(m -> assertTrue(m.checksum().matches("sha256:[0-9a-f]{64}"), m.checksum()));
    assertInstanceOf(SqlMigration.class, migrations.get(0).factory().get());
    assertEquals(
        "com.example.db.AddPartCodes", migrations.get(2).factory().get().getClass().getName());
  }

  @Test
  void tableRebuildAndDestructiveFlagsReachTheDescriptor() {
    JavaFileObject rebuild =
        migrationSource(
            "V1_Rebuild",
            """
            import dev.strata.annotation.Migration;

            @Migration(version = 1, up = "CREATE TABLE bins (id INTEGER PRIMARY KEY)",
                foreignKeys = false, destructive = true)
            final class V1_Rebuild {}
            """);

    MigrationDescriptor descriptor = registry(List.of(rebuild)).migrations().get(0);

    assertFalse(descriptor.foreignKeys());
    assertTrue(descriptor.destructive());
    assertTrue(descriptor.transactional());
  }

  @Test
  void serviceEntryNamesTheRegistry() {
    Compilation c = Sources.compile(ExampleMigrations.all());

    assertEquals(ExampleMigrations.REGISTRY + "\n", ExampleMigrations.serviceFile(c));
    assertEquals(4, ExampleMigrations.registry(c).migrations().size());
  }

  @Test
  void packageOptionMovesTheRegistryAndItsServiceEntry() {
    Compilation c =
        Sources.compile(ExampleMigrations.all(), "-Astrata.package=com.example.generated");

    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.example.generated.StrataMigrations");
    assertEquals("com.example.generated.StrataMigrations\n", ExampleMigrations.serviceFile(c));
  }

  @Test
  void entitiesInTheSameCompilationGetTheirSchemaAlongside() {
    JavaFileObject entity =
        Sources.source(
            "com.example.db.model.Category",
            """
            import dev.strata.annotation.*;

            // The table that the migration creates: anything else is [MigrationDrift].
            @Entity(table = "categories")
            public class Category {
              @Id long id;
              @Column(nullable = Nullability.NOT_NULL, unique = true) String name;
            }
            """);

    Compilation c = Sources.compile(List.of(ExampleMigrations.CREATE_CATEGORIES, entity));

    assertThat(c).succeeded();
    assertThat(c).generatedSourceFile(ExampleMigrations.REGISTRY);
    assertThat(c).generatedSourceFile("com.example.db.StrataSchema");
    assertEquals(ExampleMigrations.REGISTRY + "\n", ExampleMigrations.serviceFile(c));
  }

  @Test
  void registryMigratesARealDatabase() throws SQLException {
    String url = "jdbc:sqlite:" + temp.resolve("inventory.db");
    Strata.configure().url(url).registry(registry(ExampleMigrations.all())).load().migrate();
    try (Connection db = DriverManager.getConnection(url);
        ResultSet columns =
            db.createStatement()
                .executeQuery("SELECT name FROM pragma_table_info('parts') ORDER BY cid")) {
      List<String> names = new ArrayList<>();
      while (columns.next()) {
        names.add(columns.getString(1));
      }
      assertEquals(List.of("id", "name", "category_id", "code"), names);
    }
  }

  @Test
  void javaChecksumFollowsTheCodeAndIgnoresCommentsAndLayout() {
    String original = checksumOf(ExampleMigrations.ADD_PART_CODES, 3);
    String commented =
        checksumOf(
            migrationSource(
                "AddPartCodes",
                """
                import dev.strata.JavaMigration;
                import dev.strata.MigrationContext;
                import dev.strata.annotation.Migration;

                /** Codes make parts easy to find. */
                @Migration(version = 3, description = "Add and backfill part codes")
                public class AddPartCodes implements JavaMigration {
                  /** Adds the column, then fills it. */
                  @Override
                  public void up(MigrationContext ctx)
                      throws Exception {
                    // the column first, then the data
                    ctx.execute("ALTER TABLE parts ADD COLUMN code TEXT");
                    ctx.update("UPDATE parts SET code = upper(substr(name, 1, 3)) || id"); /* \
                all rows */
                  }

                  @Override
                  public void down(MigrationContext ctx) throws Exception {
                    ctx.execute("ALTER TABLE parts DROP COLUMN code");
                  }
                }
                """),
            3);
    String relabelled =
        checksumOf(
            Sources.edited(
                ExampleMigrations.ADD_PART_CODES,
                "description = \"Add and backfill part codes\"",
                "description = \"Part codes\""),
            3);
    String edited =
        checksumOf(
            Sources.edited(
                ExampleMigrations.ADD_PART_CODES, "substr(name, 1, 3)", "substr(name, 1, 4)"),
            3);

    assertEquals(original, commented);
    assertEquals(original, relabelled);
    assertNotEquals(original, edited);
  }

  @Test
  void javaChecksumLeavesOutDownSoThatTheRollbackOfAnAppliedMigrationCanBeFixed() {
    String original = checksumOf(ExampleMigrations.ADD_PART_CODES, 3);
    String downFixed =
        checksumOf(
            Sources.edited(
                ExampleMigrations.ADD_PART_CODES,
                "ctx.execute(\"ALTER TABLE parts DROP COLUMN code\");",
                "ctx.execute(\"DROP INDEX IF EXISTS parts_code\");\n"
                    + "    ctx.execute(\"ALTER TABLE parts DROP COLUMN code\");"),
            3);
    String upEdited =
        checksumOf(
            Sources.edited(
                ExampleMigrations.ADD_PART_CODES,
                "ADD COLUMN code TEXT",
                "ADD COLUMN code TEXT NOT NULL DEFAULT ''"),
            3);

    assertEquals(original, downFixed);
    assertNotEquals(original, upEdited);
  }

  @Test
  void sqlChecksumFollowsTheStatementsAndIgnoresCommentsAndLayout() {
    String original = checksumOf(ExampleMigrations.CREATE_CATEGORIES, 1);
    String reformatted =
        checksumOf(
            migrationSource(
                "V1_CreateCategories",
                """
                import dev.strata.annotation.Migration;

                @Migration(version = 1, up = \"""
                    /* categories group parts */
                    CREATE TABLE categories (
                      id INTEGER PRIMARY KEY,   -- rowid
                      name TEXT NOT NULL UNIQUE
                    );
                    \""", down = "DROP TABLE categories")
                final class V1_CreateCategories {}
                """),
            1);
    String edited =
        checksumOf(
            migrationSource(
                "V1_CreateCategories",
                """
                import dev.strata.annotation.Migration;

                @Migration(version = 1, up = "CREATE TABLE categories (id INTEGER PRIMARY KEY, \
                title TEXT)")
                final class V1_CreateCategories {}
                """),
            1);

    assertEquals(original, reformatted);
    assertNotEquals(original, edited);
  }

  private static String checksumOf(JavaFileObject migration, long version) {
    return registry(List.of(migration)).migrations().stream()
        .filter(m -> m.version() == version)
        .findFirst()
        .orElseThrow()
        .checksum();
  }

  private static MigrationRegistry registry(List<JavaFileObject> sources) {
    Compilation compilation = Sources.compile(sources);
    assertThat(compilation).succeeded();
    return ExampleMigrations.registry(compilation);
  }
}
