package dev.strata.processor.schema;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Reads annotations through their mirrors. {@code Class}-valued members cannot be read with
 * {@code getAnnotation} at compile time, and mirrors also give the positions for diagnostics.
 */
final class Mirrors {
  private Mirrors() {}

  static Optional<AnnotationMirror> find(Element element, Class<? extends Annotation> type) {
    return element.getAnnotationMirrors().stream()
        .filter(m -> isType(m, type))
        .map(m -> (AnnotationMirror) m)
        .findFirst();
  }

  /** The value as written, or {@code null} when the attribute takes its default. */
  static AnnotationValue explicit(AnnotationMirror mirror, String name) {
    for (var entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The value as written, or the annotation type's default. */
  static AnnotationValue value(AnnotationMirror mirror, String name) {
    AnnotationValue written = explicit(mirror, name);
    if (written != null) {
      return written;
    }
    Element type = mirror.getAnnotationType().asElement();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getSimpleName().contentEquals(name) && method.getDefaultValue() != null) {
        return method.getDefaultValue();
      }
    }
    throw new IllegalArgumentException("@" + type.getSimpleName() + " has no value for " + name);
  }

  static String string(AnnotationMirror mirror, String name) {
    return (String) value(mirror, name).getValue();
  }

  static boolean bool(AnnotationMirror mirror, String name) {
    return (Boolean) value(mirror, name).getValue();
  }

  /** The constant's name of an enum-valued attribute. */
  static String enumName(AnnotationMirror mirror, String name) {
    return ((VariableElement) value(mirror, name).getValue()).getSimpleName().toString();
  }

  /** A class-valued attribute; empty when javac could not resolve the class and said so. */
  static Optional<TypeMirror> type(AnnotationMirror mirror, String name) {
    Object value = value(mirror, name).getValue();
    return value instanceof TypeMirror type ? Optional.of(type) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  static List<AnnotationValue> list(AnnotationMirror mirror, String name) {
    return (List<AnnotationValue>) value(mirror, name).getValue();
  }

  private static boolean isType(AnnotationMirror mirror, Class<? extends Annotation> type) {
    TypeElement element = (TypeElement) mirror.getAnnotationType().asElement();
    return element.getQualifiedName().contentEquals(type.getCanonicalName());
  }
}
