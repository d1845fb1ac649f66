package dev.strata.processor.base;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * One diagnostic with the narrowest position known: the element, optionally the annotation on it,
 * optionally the attribute's value.
 *
 * @param at prints the message at a source position that javac cannot derive from the element,
 *     annotation and value, such as inside a repeated annotation; {@code null} when it can
 */
public record Problem(
    Diagnostic diagnostic,
    Element element,
    AnnotationMirror annotation,
    AnnotationValue value,
    List<Object> args,
    Position at) {

  /** A source position found by other means than the element, annotation and value. */
  @FunctionalInterface
  public interface Position {
    void print(Kind kind, String message);
  }

  public Problem {
    args = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(args));
  }

  public Problem(
      Diagnostic diagnostic,
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      List<Object> args) {
    this(diagnostic, element, annotation, value, args, null);
  }

  public String message() {
    return diagnostic.render(args.toArray());
  }
}
