package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The output depends on the migrations only, never on the order javac hands them over. */
class DeterminismTest {
  @Test
  void reversedInputsGiveByteIdenticalOutput() {
    List<JavaFileObject> reversed = new ArrayList<>(ExampleMigrations.all());
    Collections.reverse(reversed);

    Compilation forward = Sources.compile(ExampleMigrations.all());
    Compilation backward = Sources.compile(reversed);

    assertThat(forward).succeeded();
    assertThat(backward).succeeded();
    assertEquals(
        ExampleMigrations.registrySource(forward), ExampleMigrations.registrySource(backward));
    assertEquals(ExampleMigrations.serviceFile(forward), ExampleMigrations.serviceFile(backward));
  }
}
