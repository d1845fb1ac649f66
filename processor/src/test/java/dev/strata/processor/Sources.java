package dev.strata.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * The one way tests make sources and compile them: through real javac, with the Strata processor
 * (or a stand-in) and every lint warning on, so that "no warnings" covers the fixtures and the
 * generated code too.
 */
final class Sources {
  /**
   * Every lint but {@code processing}, which lists the annotations no processor claimed: Strata
   * leaves its annotations unclaimed on purpose, so that other processors still see them.
   */
  static final String LINT = "-Xlint:all,-processing";

  private Sources() {}

  /**
   * The source file of {@code qualifiedName}: its package declaration, derived from the name (none
   * for a simple name, the unnamed package), then {@code body}.
   */
  static JavaFileObject source(String qualifiedName, String body) {
    if (body.startsWith("package ")) {
      throw new IllegalArgumentException("the package comes from the name: " + qualifiedName);
    }
    int dot = qualifiedName.lastIndexOf('.');
    String text = dot < 0 ? body : "package " + qualifiedName.substring(0, dot) + ";\n\n" + body;
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** {@link #source} with the Strata annotations imported, as every entity and view needs. */
  static JavaFileObject annotated(String qualifiedName, String body) {
    return source(qualifiedName, "import dev.strata.annotation.*;\n" + body);
  }

  /** {@code file} again, with {@code from} replaced by {@code to}; {@code from} must occur. */
  static JavaFileObject edited(JavaFileObject file, String from, String to) {
    String text = text(file);
    if (!text.contains(from)) {
      throw new AssertionError("not in " + file.getName() + ": " + from);
    }
    String path = file.toUri().getPath();
    String qualifiedName = path.substring(1, path.length() - ".java".length()).replace('/', '.');
    return JavaFileObjects.forSourceString(qualifiedName, text.replace(from, to));
  }

  /** A checked-in source file on the test class path, e.g. under {@code golden/}. */
  static JavaFileObject checkedIn(String resourcePath) {
    return JavaFileObjects.forResource(resourcePath);
  }

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(sources));
  }

  static Compilation compile(List<JavaFileObject> sources, String... options) {
    return compileWith(List.of(new StrataProcessor()), sources, options);
  }

  /**
   * With other processors, in this order: a stand-in that drives one step directly, or Strata
   * beside a processor that generates sources.
   */
  static Compilation compileWith(
      List<? extends Processor> processors, List<JavaFileObject> sources, String... options) {
    List<String> all = new ArrayList<>(List.of(LINT));
    all.addAll(List.of(options));
    return javac().withProcessors(processors).withOptions(all).compile(sources);
  }

  /** A generated resource's text, e.g. {@code META-INF/strata/schema.sql}. */
  static String resource(Compilation compilation, String path) {
    JavaFileObject file =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, path)
            .orElseThrow(() -> new AssertionError("not generated: " + path));
    return text(file);
  }

  static String generatedSource(Compilation compilation, String qualifiedName) {
    return text(
        compilation
            .generatedSourceFile(qualifiedName)
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
