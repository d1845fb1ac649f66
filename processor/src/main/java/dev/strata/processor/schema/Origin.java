package dev.strata.processor.schema;

import dev.strata.processor.Diagnostic;
import dev.strata.processor.ValidationReport;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a piece of the model came from, as narrowly as known: the element, the annotation on it,
 * and the attribute value. Problems are reported here so that the IDE underlines the attribute.
 *
 * <p>javac positions only annotations present directly on the element. A repeated annotation sits
 * inside its container, so {@code annotation} is then the container and {@code declaration} the
 * repeated one whose attributes are read. javac finds a value anywhere inside a container written
 * out as {@code @Index.List({...})}; a container it synthesized from repeated annotations has no
 * position, and the message then lands on the element.
 *
 * @param annotation the annotation present on the element, or {@code null}
 * @param value the narrowest value known inside {@code annotation}, or {@code null}
 * @param declaration the annotation this origin stands for, or {@code null}
 */
public record Origin(
    Element element,
    AnnotationMirror annotation,
    AnnotationValue value,
    AnnotationMirror declaration) {

  public static Origin of(Element element) {
    return new Origin(element, null, null, null);
  }

  public static Origin of(Element element, AnnotationMirror annotation) {
    return new Origin(element, annotation, null, annotation);
  }

  /** Each occurrence of a repeatable annotation, whether written once or several times. */
  static List<Origin> allOf(
      Element element, Class<? extends Annotation> type, Class<? extends Annotation> container) {
    List<Origin> all = new ArrayList<>();
    Mirrors.find(element, type).ifPresent(m -> all.add(of(element, m)));
    Mirrors.find(element, container).ifPresent(c -> {
      for (AnnotationValue entry : Mirrors.list(c, "value")) {
        all.add(new Origin(element, c, entry, (AnnotationMirror) entry.getValue()));
      }
    });
    return all;
  }

  /** The attribute when it is written out, else this origin. */
  public Origin attribute(String name) {
    AnnotationValue written = declaration == null ? null : Mirrors.explicit(declaration, name);
    return written == null ? this : entry(written);
  }

  /** A value inside the annotation, such as one entry of an array-valued attribute. */
  public Origin entry(AnnotationValue entry) {
    return annotation == null ? this : new Origin(element, annotation, entry, declaration);
  }

  public void report(ValidationReport.Builder report, Diagnostic diagnostic, Object... args) {
    report.report(diagnostic, element, annotation, value, args);
  }
}
