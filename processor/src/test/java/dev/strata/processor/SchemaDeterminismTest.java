package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The same entities in another order give byte-identical sources and resources. */
class SchemaDeterminismTest {

  @Test
  void reversedAndShuffledInputsGiveIdenticalOutput() {
    List<JavaFileObject> inputs = SchemaGoldenTest.inputs();
    List<JavaFileObject> reversed = new ArrayList<>(inputs);
    Collections.reverse(reversed);
    List<JavaFileObject> shuffled = new ArrayList<>(inputs);
    Collections.shuffle(shuffled, new Random(42));

    Map<String, String> expected = outputs(Sources.compile(inputs));
    assertFalse(expected.isEmpty());
    assertEquals(expected, outputs(Sources.compile(reversed)));
    assertEquals(expected, outputs(Sources.compile(shuffled)));
  }

  /** Every generated source and resource (not class files), by name. */
  private static Map<String, String> outputs(Compilation compilation) {
    assertThat(compilation).succeeded();
    Map<String, String> outputs = new TreeMap<>();
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        outputs.put(file.toUri().toString(), Sources.text(file));
      }
    }
    return outputs;
  }
}
