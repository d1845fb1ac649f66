package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generated registry, compared character for character with a reviewed golden file. After an
 * intended change, regenerate it with {@code -Dstrata.updateGolden=true} and review the diff.
 */
class RegistryGoldenTest {
  private static final String GOLDEN = "golden/StrataMigrations.java";

  @Test
  void generatedRegistryMatchesGoldenFile() throws IOException {
    Compilation compilation = TestCompiler.compile(Fixtures.all());

    assertThat(compilation).succeededWithoutWarnings();
    String generated = TestCompiler.generatedSource(compilation);
    if (Boolean.getBoolean("strata.updateGolden")) {
      Files.writeString(Path.of("src/test/resources", GOLDEN), generated, UTF_8);
    }
    assertEquals(golden(), generated);
    assertEquals(TestCompiler.REGISTRY + "\n", TestCompiler.serviceFile(compilation));
  }

  private static String golden() throws IOException {
    try (InputStream in = RegistryGoldenTest.class.getClassLoader().getResourceAsStream(GOLDEN)) {
      if (in == null) {
        throw new AssertionError("missing " + GOLDEN + "; run with -Dstrata.updateGolden=true");
      }
      return new String(in.readAllBytes(), UTF_8);
    }
  }
}
