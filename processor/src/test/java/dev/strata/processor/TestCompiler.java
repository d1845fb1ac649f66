package dev.strata.processor;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/** Real javac with the Strata processor, and ways to look at what it produced. */
final class TestCompiler {
  static final String REGISTRY = "com.example.db.StrataMigrations";

  private TestCompiler() {}

  static Compilation compile(JavaFileObject... sources) {
    return compile(List.of(sources));
  }

  static Compilation compile(List<JavaFileObject> sources, String... options) {
    return compileWith(new StrataProcessor(), sources, options);
  }

  static Compilation compileWith(
      Processor processor, List<JavaFileObject> sources, String... options) {
    List<String> all = new ArrayList<>(List.of("-Xlint:all,-processing"));
    all.addAll(List.of(options));
    return Compiler.javac().withProcessors(processor).withOptions(all).compile(sources);
  }

  /** A source file in {@code com.example.db}; {@code simpleName} must match its class. */
  static JavaFileObject source(String simpleName, String body) {
    return JavaFileObjects.forSourceString("com.example.db." + simpleName,
        "package com.example.db;\n\n" + body);
  }

  static String generatedSource(Compilation compilation) {
    return text(compilation.generatedSourceFile(REGISTRY).orElseThrow());
  }

  static String serviceFile(Compilation compilation) {
    return compilation.generatedFiles().stream()
        .filter(f -> f.getName().endsWith(RegistryWriter.SERVICE_FILE))
        .map(TestCompiler::text)
        .reduce((a, b) -> {
          throw new AssertionError("service file written twice");
        })
        .orElseThrow();
  }

  /**
   * Writes the class output of {@code compilation} (classes and resources) to {@code dir} and
   * returns a class loader over it, on top of the test's classpath.
   */
  static URLClassLoader classLoader(Compilation compilation, Path dir) throws IOException {
    String root = "/CLASS_OUTPUT/";
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      if (path.contains(root)) {
        Path target = dir.resolve(path.substring(path.indexOf(root) + root.length()));
        Files.createDirectories(target.getParent());
        Files.write(target, bytes(file));
      }
    }
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, TestCompiler.class.getClassLoader());
  }

  static String text(JavaFileObject file) {
    return new String(bytes(file), UTF_8);
  }

  private static byte[] bytes(JavaFileObject file) {
    try (InputStream in = file.openInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
