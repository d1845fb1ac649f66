package dev.strata.processor;

import java.io.IOException;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One kind of generated output. The processor calls {@link #validate} with every annotated type of
 * the compilation, sorted by qualified name, prints the report, and calls {@link #generate} only
 * when the report of every step is clean.
 */
interface ProcessingStep {
  /** The annotations whose elements this step consumes. */
  List<Class<? extends java.lang.annotation.Annotation>> annotations();

  /** Parses and checks; keeps the parsed model for {@link #generate}. Has no other side effect. */
  ValidationReport validate(List<TypeElement> elements);

  /** Writes sources and resources into {@code targetPackage}, each file once. */
  void generate(String targetPackage) throws IOException;
}
