package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertErrorAt;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.ExampleMigrations.migrationSource;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.strata.spi.MigrationDescriptor;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A Java migration is legal when the generated registry can call {@code new} on it: the class, its
 * enclosing classes and its no-arg constructor are public, or package-private (or protected) in the
 * registry's package.
 */
class MigrationAccessTest {
  /** Three package-private migrations in one file, the way small apps write them. */
  private static final JavaFileObject STEPS =
      migrationSource(
          "Steps",
          """
          import dev.strata.JavaMigration;
          import dev.strata.MigrationContext;
          import dev.strata.annotation.Migration;

          @Migration(version = 1)
          class Steps implements JavaMigration {
            @Override
            public void up(MigrationContext ctx) {}
          }

          @Migration(version = 2)
          class AddCodes implements JavaMigration {
            AddCodes() {}

            @Override
            public void up(MigrationContext ctx) {}
          }

          @Migration(version = 3)
          final class Backfill implements JavaMigration {
            protected Backfill() {}

            @Override
            public void up(MigrationContext ctx) {}

            @Migration(version = 4)
            protected static class Nested implements JavaMigration {
              @Override
              public void up(MigrationContext ctx) {}
            }

            @Migration(version = 5)
            static class Quiet implements JavaMigration {
              @Override
              public void up(MigrationContext ctx) {}
            }
          }
          """);

  @Test
  void packagePrivateMigrationsInTheRegistrysPackageCompileAndRun() {
    Compilation c = Sources.compile(STEPS);

    assertThat(c).succeededWithoutWarnings();
    List<MigrationDescriptor> migrations = ExampleMigrations.registry(c).migrations();
    assertEquals(
        List.of(
            "com.example.db.Steps",
            "com.example.db.AddCodes",
            "com.example.db.Backfill",
            "com.example.db.Backfill$Nested",
            "com.example.db.Backfill$Quiet"),
        migrations.stream().map(m -> m.factory().get().getClass().getName()).toList());
  }

  /** {@code com.example.db.shop.<simpleName>}, one package below the registry's. */
  private static JavaFileObject inSubpackage(String simpleName, String body) {
    return Sources.source("com.example.db.shop." + simpleName, body);
  }

  @Test
  void packagePrivateMigrationOutsideTheRegistrysPackageIsRefusedSayingWhy() {
    JavaFileObject backfill =
        inSubpackage(
            "Backfill",
            """
            @dev.strata.annotation.Migration(version = 2)
            class Backfill implements dev.strata.JavaMigration {
              public void up(dev.strata.MigrationContext ctx) {}
            }
            """);
    Compilation c = Sources.compile(ExampleMigrations.CREATE_CATEGORIES, backfill);

    assertOnlyErrorAt(
        c,
        "[MigrationShape] com.example.db.shop.Backfill is package-private in com.example.db.shop"
            + " but the registry is generated in com.example.db, so it cannot call new; make it"
            + " public or move the registry with -Astrata.package=com.example.db.shop",
        backfill,
        "@dev.strata.annotation.Migration");
  }

  @Test
  void movingTheRegistryIntoThatPackageMakesItLegal() {
    JavaFileObject backfill =
        inSubpackage(
            "Backfill",
            """
            @dev.strata.annotation.Migration(version = 2)
            class Backfill implements dev.strata.JavaMigration {
              public void up(dev.strata.MigrationContext ctx) {}
            }
            """);
    Compilation c = Sources.compile(List.of(backfill), "-Astrata.package=com.example.db.shop");

    assertThat(c).succeededWithoutWarnings();
    assertThat(c).generatedSourceFile("com.example.db.shop.StrataMigrations");
  }

  @Test
  void enclosingClassAndConstructorOutsideTheRegistrysPackageAreRefusedSayingWhich() {
    JavaFileObject steps =
        inSubpackage(
            "Steps",
            """
            public class Steps {
              @dev.strata.annotation.Migration(version = 2)
              public static class Nested implements dev.strata.JavaMigration {
                public void up(dev.strata.MigrationContext ctx) {}
              }
            }

            class Hidden {
              @dev.strata.annotation.Migration(version = 3)
              public static class Inside implements dev.strata.JavaMigration {
                public void up(dev.strata.MigrationContext ctx) {}
              }
            }
            """);
    JavaFileObject guarded =
        inSubpackage(
            "Guarded",
            """
            @dev.strata.annotation.Migration(version = 4)
            public class Guarded implements dev.strata.JavaMigration {
              protected Guarded() {}
              public void up(dev.strata.MigrationContext ctx) {}
            }
            """);
    Compilation c = Sources.compile(ExampleMigrations.CREATE_CATEGORIES, steps, guarded);

    assertThat(c).hadErrorCount(2);
    assertErrorAt(
        c,
        "[MigrationShape] com.example.db.shop.Hidden.Inside is nested in"
            + " com.example.db.shop.Hidden, which is package-private in com.example.db.shop",
        steps,
        "@dev.strata.annotation.Migration(version = 3)");
    assertErrorAt(
        c,
        "[MigrationShape] com.example.db.shop.Guarded has a no-arg constructor that is"
            + " protected in com.example.db.shop but the registry is generated in"
            + " com.example.db",
        guarded,
        "@dev.strata.annotation.Migration");
  }

  @Test
  void privateConstructorIsRefused() {
    JavaFileObject backfill =
        migrationSource(
            "Backfill",
            """
            @dev.strata.annotation.Migration(version = 1)
            class Backfill implements dev.strata.JavaMigration {
              private Backfill() {}
              public void up(dev.strata.MigrationContext ctx) {}
            }
            """);

    assertOnlyErrorAt(
        Sources.compile(backfill),
        "[MigrationShape] com.example.db.Backfill has a no-arg constructor that is private",
        backfill,
        "@dev.strata.annotation.Migration");
  }
}
