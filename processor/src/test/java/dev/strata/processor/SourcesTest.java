package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The test helper itself: what every compilation in these tests can rely on. */
class SourcesTest {
  /** Lint is on, so that a test's "without warnings" covers lint warnings as well. */
  @Test
  void everyCompilationRunsWithLint() {
    JavaFileObject stamp =
        Sources.source("app.Stamp", "public class Stamp extends java.util.Date {}\n");

    assertThat(Sources.compile(stamp))
        .hadWarningContaining("serialVersionUID")
        .inFile(stamp)
        .onLineContaining("class Stamp");
  }

  @Test
  void aSourceDeclaresThePackageOfItsName() {
    assertEquals(
        "package com.example.db;\n\nclass Plain {}\n",
        Sources.text(Sources.source("com.example.db.Plain", "class Plain {}\n")));
    assertEquals("class Plain {}\n", Sources.text(Sources.source("Plain", "class Plain {}\n")));
  }
}
