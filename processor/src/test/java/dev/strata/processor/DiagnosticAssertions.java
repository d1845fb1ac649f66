package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;

/** Where a diagnostic lands: its text, the file, and the line, as the design asks of every tag. */
final class DiagnosticAssertions {
  private DiagnosticAssertions() {}

  /** An error containing {@code message} on the line of {@code file} that contains {@code line}. */
  static void assertErrorAt(
      Compilation compilation, String message, JavaFileObject file, String line) {
    assertThat(compilation).hadErrorContaining(message).inFile(file).onLineContaining(line);
  }

  /** {@link #assertErrorAt}, and no other error. */
  static void assertOnlyErrorAt(
      Compilation compilation, String message, JavaFileObject file, String line) {
    assertErrorAt(compilation, message, file, line);
    assertThat(compilation).hadErrorCount(1);
  }
}
