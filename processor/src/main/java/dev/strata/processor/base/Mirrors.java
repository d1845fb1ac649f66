package dev.strata.processor.base;

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
 * Reads annotations through their mirrors. {@code Class}-valued members cannot be read with {@code
 * getAnnotation} at compile time, and mirrors also give the positions for diagnostics.
 */
public final class Mirrors {
  private Mirrors() {}

  public static Optional<AnnotationMirror> find(Element element, Class<? extends Annotation> type) {
    return element.getAnnotationMirrors().stream()
        .filter(m -> isType(m, type))
        .map(m -> (AnnotationMirror) m)
        .findFirst();
  }

  /** The value as written, or {@code null} when the attribute takes its default. */
  public static AnnotationValue explicit(AnnotationMirror mirror, String name) {
    for (var entry : mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /**
   * The value as written, or the annotation type's default. A written value that javac could not
   * evaluate, such as a missing constant, counts as not written: javac has already reported it.
   *
   * @throws Unreadable when such a value has no default to fall back on
   */
  private static <T> T value(AnnotationMirror mirror, String name, Class<T> type) {
    AnnotationValue written = explicit(mirror, name);
    if (written != null && is(written, type)) {
      return type.cast(written.getValue());
    }
    Element annotation = mirror.getAnnotationType().asElement();
    for (ExecutableElement method : ElementFilter.methodsIn(annotation.getEnclosedElements())) {
      if (method.getSimpleName().contentEquals(name) && method.getDefaultValue() != null) {
        return type.cast(method.getDefaultValue().getValue());
      }
    }
    if (written != null) {
      throw new Unreadable();
    }
    throw new IllegalArgumentException(
        "@" + annotation.getSimpleName() + " has no value for " + name);
  }

  /**
   * Whether the value holds a {@code type}. javac gives a string that it could not evaluate as
   * {@code <error>}; a real string prints as a quoted literal, as the value's source form must.
   */
  public static boolean is(AnnotationValue value, Class<?> type) {
    return type.isInstance(value.getValue())
        && (type != String.class || value.toString().startsWith("\""));
  }

  public static String string(AnnotationMirror mirror, String name) {
    return value(mirror, name, String.class);
  }

  public static boolean bool(AnnotationMirror mirror, String name) {
    return value(mirror, name, Boolean.class);
  }

  /** The constant's name of an enum-valued attribute. */
  public static String enumName(AnnotationMirror mirror, String name) {
    return value(mirror, name, VariableElement.class).getSimpleName().toString();
  }

  /** A class-valued attribute; empty when javac could not resolve the class and said so. */
  public static Optional<TypeMirror> type(AnnotationMirror mirror, String name) {
    AnnotationValue written = explicit(mirror, name);
    return written != null && written.getValue() instanceof TypeMirror type
        ? Optional.of(type)
        : Optional.empty();
  }

  /** The entries of an array-valued attribute; each may still be one javac could not evaluate. */
  @SuppressWarnings("unchecked")
  public static List<AnnotationValue> list(AnnotationMirror mirror, String name) {
    return value(mirror, name, List.class);
  }

  /** A value javac could not evaluate, where the attribute has no default. */
  public static final class Unreadable extends RuntimeException {
    Unreadable() {
      super(null, null, false, false);
    }
  }

  private static boolean isType(AnnotationMirror mirror, Class<? extends Annotation> type) {
    TypeElement element = (TypeElement) mirror.getAnnotationType().asElement();
    return element.getQualifiedName().contentEquals(type.getCanonicalName());
  }
}
