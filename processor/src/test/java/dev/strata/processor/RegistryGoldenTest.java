package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.Test;

/** The generated registry, compared character for character with a reviewed golden file. */
class RegistryGoldenTest {
  @Test
  void generatedRegistryMatchesGoldenFile() {
    Compilation compilation = Sources.compile(ExampleMigrations.all());

    assertThat(compilation).succeededWithoutWarnings();
    Golden.assertMatches("StrataMigrations.java", ExampleMigrations.registrySource(compilation));
  }
}
