package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.ExampleMigrations.migrationSource;

import com.google.testing.compile.Compilation;
import com.sun.source.util.Trees;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.migration.MigrationAnnotation;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.processor.migration.MigrationParser;
import dev.strata.processor.migration.checksum.Checksums;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A bug in the processor is one error on the class it was handling, never a javac crash. */
class InternalErrorTest {
  private final JavaFileObject boom =
      migrationSource(
          "Boom",
          """
          @dev.strata.annotation.Migration(version = 1, up = "CREATE TABLE boom (id INTEGER)")
          class Boom {}
          """);
  private final JavaFileObject fine =
      migrationSource(
          "Fine",
          """
          @dev.strata.annotation.Migration(version = 2, up = "CREATE TABLE fine (id INTEGER")
          class Fine {}
          """);

  @Test
  void aFailureWhileParsingOneClassIsAnInternalErrorOnThatClass() {
    Compilation c = Sources.compileWith(List.of(failingParserProcessor()), List.of(boom, fine));

    assertThat(c).failed();
    assertThat(c).hadErrorCount(2);
    assertThat(c)
        .hadErrorContaining(
            "[InternalError] Strata's processor failed on this element:"
                + " java.lang.IllegalStateException: parser bug")
        .inFile(boom)
        .onLineContaining("class Boom");
    assertThat(c).hadErrorContaining("at dev.strata.processor.InternalErrorTest");
    assertThat(c).hadErrorContaining("Hint: this is a bug in Strata");
    // The other migration is still checked.
    assertThat(c).hadErrorContaining("[InvalidSql]").inFile(fine).onLineContaining("@");
  }

  @Test
  void unresolvableAttributeIsLeftToJavac() {
    JavaFileObject missing =
        migrationSource(
            "Missing",
            """
            @dev.strata.annotation.Migration(version = Versions.MISSING, up = "SELECT 1")
            class Missing {}
            """);

    Compilation c = Sources.compile(missing);

    assertThat(c).hadErrorCount(1);
    assertThat(c).hadErrorContaining("cannot find symbol").inFile(missing).onLineContaining("@");
  }

  /** Drives MigrationStep as the real processor does, with a parser that has a bug. */
  private static OnMigrations failingParserProcessor() {
    return new OnMigrations(
        (env, types) -> {
          MigrationParser buggy =
              new MigrationParser(
                  env.getElementUtils(), env.getTypeUtils(), new Checksums((Trees) null)) {
                @Override
                public Optional<MigrationModel> parse(
                    MigrationAnnotation migration, ValidationReport.Builder report) {
                  if (migration.element().getSimpleName().contentEquals("Boom")) {
                    throw new IllegalStateException("parser bug");
                  }
                  return super.parse(migration, report);
                }
              };
          new MigrationStep(buggy).validate(types).report().printMessagesTo(env.getMessager());
        });
  }
}
