package dev.strata.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/** Compiles test sources through real javac with the Strata processor. */
final class Sources {
  private Sources() {}

  /** A source file {@code pkg/Name.java} from a text block whose first line is its package. */
  static JavaFileObject source(String qualifiedName, String body) {
    return JavaFileObjects.forSourceString(qualifiedName, body);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(sources));
  }

  static Compilation compile(List<JavaFileObject> sources, String... options) {
    return compileWith(new StrataProcessor(), sources, options);
  }

  /** With another processor, for tests that drive one step directly. */
  static Compilation compileWith(
      Processor processor, List<JavaFileObject> sources, String... options) {
    return javac().withProcessors(processor).withOptions((Object[]) options).compile(sources);
  }

  /** A generated resource's text, e.g. {@code META-INF/strata/schema.sql}. */
  static String resource(Compilation compilation, String path) {
    JavaFileObject file = compilation.generatedFile(StandardLocation.CLASS_OUTPUT, path)
        .orElseThrow(() -> new AssertionError("not generated: " + path));
    return text(file);
  }

  static String generatedSource(Compilation compilation, String qualifiedName) {
    return text(compilation.generatedSourceFile(qualifiedName)
        .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName)));
  }

  static String text(JavaFileObject file) {
    try (var in = file.openInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
