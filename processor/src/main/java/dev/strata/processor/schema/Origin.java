package dev.strata.processor.schema;

import dev.strata.processor.Diagnostic;
import dev.strata.processor.ValidationReport;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a piece of the model came from, as narrowly as known: the element, the annotation on it,
 * and the attribute value. Problems are reported here so that the IDE underlines the attribute.
 */
public record Origin(Element element, AnnotationMirror annotation, AnnotationValue value) {

  public static Origin of(Element element) {
    return new Origin(element, null, null);
  }

  public static Origin of(Element element, AnnotationMirror annotation) {
    return new Origin(element, annotation, null);
  }

  /** The attribute when it is written out, else the annotation itself. */
  public Origin attribute(String name) {
    return annotation == null ? this : new Origin(element, annotation, Mirrors.explicit(annotation, name));
  }

  /** One entry of an array-valued attribute. */
  public Origin entry(AnnotationValue entry) {
    return annotation == null ? this : new Origin(element, annotation, entry);
  }

  public void report(ValidationReport.Builder report, Diagnostic diagnostic, Object... args) {
    report.report(diagnostic, element, annotation, value, args);
  }
}
