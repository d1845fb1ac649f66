package dev.strata.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One diagnostic with the narrowest position known: the element, optionally the annotation on it,
 * optionally the attribute's value.
 */
public record Problem(
    Diagnostic diagnostic,
    Element element,
    AnnotationMirror annotation,
    AnnotationValue value,
    List<Object> args) {

  public Problem {
    args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
  }

  public String message() {
    return diagnostic.render(args.toArray());
  }
}
