package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.MigrationSources.source;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.testing.compile.Compilation;
import com.sun.source.util.Trees;
import dev.strata.annotation.Migration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The Java-form checksum where javac's Trees API is unavailable (ECJ, some IDEs). */
class SourceChecksumTest {
  private static final String MIGRATION = """
      @dev.strata.annotation.Migration(version = 1)
      public class Backfill implements dev.strata.JavaMigration {
        public void up(dev.strata.MigrationContext ctx) throws Exception {
          ctx.execute("UPDATE parts SET code = id");
        }
      }
      """;

  @Test
  void withoutTreesDeclarationsAreHashedButBodiesAreNot() {
    String original = fallbackChecksum(MIGRATION);
    String bodyEdited = fallbackChecksum(MIGRATION.replace("code = id", "code = name"));
    String signatureEdited = fallbackChecksum(MIGRATION.replace("  public void up(",
        "  public void down(dev.strata.MigrationContext ctx) {}\n  public void up("));

    assertEquals(original, bodyEdited);
    assertNotEquals(original, signatureEdited);
    assertEquals(SourceChecksum.PREFIX, original.substring(0, SourceChecksum.PREFIX.length()));
  }

  private static String fallbackChecksum(String body) {
    JavaFileObject file = source("Backfill", body);
    List<String> checksums = new ArrayList<>();
    Compilation c = Sources.compileWith(new AbstractProcessor() {
      @Override
      public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Migration.class.getCanonicalName());
      }

      @Override
      public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
      }

      @Override
      public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        SourceChecksum withoutTrees = new SourceChecksum((Trees) null);
        ElementFilter.typesIn(round.getElementsAnnotatedWith(Migration.class))
            .forEach(type -> checksums.add(withoutTrees.ofJava(type)));
        return false;
      }
    }, List.of(file));
    assertThat(c).succeeded();
    assertEquals(1, checksums.size());
    return checksums.get(0);
  }
}
