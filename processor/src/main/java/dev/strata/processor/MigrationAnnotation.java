package dev.strata.processor;

import dev.strata.annotation.Migration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The {@code @Migration} on one class, read through its mirror: values the user wrote (which carry
 * source positions for diagnostics) and values with defaults (which carry meaning). Values javac
 * could not resolve read as absent, since javac has already reported them.
 */
record MigrationAnnotation(
    TypeElement type,
    AnnotationMirror mirror,
    Map<String, AnnotationValue> explicit,
    Map<String, AnnotationValue> withDefaults) {

  private static final String NAME = Migration.class.getCanonicalName();

  MigrationAnnotation {
    explicit = Map.copyOf(explicit);
    withDefaults = Map.copyOf(withDefaults);
  }

  /** The annotation on {@code type}, if it carries {@code @Migration}. */
  static Optional<MigrationAnnotation> of(TypeElement type, Elements elements) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(NAME)) {
        return Optional.of(new MigrationAnnotation(
            type,
            mirror,
            byName(mirror.getElementValues()),
            byName(elements.getElementValuesWithDefaults(mirror))));
      }
    }
    return Optional.empty();
  }

  private static Map<String, AnnotationValue> byName(
      Map<? extends ExecutableElement, ? extends AnnotationValue> values) {
    Map<String, AnnotationValue> named = new TreeMap<>();
    values.forEach((member, value) -> named.put(member.getSimpleName().toString(), value));
    return named;
  }

  String qualifiedName() {
    return type.getQualifiedName().toString();
  }

  OptionalLong version() {
    AnnotationValue value = withDefaults.get("version");
    return value != null && value.getValue() instanceof Number number
        ? OptionalLong.of(number.longValue())
        : OptionalLong.empty();
  }

  String description() {
    return string("description");
  }

  String up() {
    return string("up");
  }

  String down() {
    return string("down");
  }

  boolean transactional() {
    AnnotationValue value = withDefaults.get("transactional");
    return value == null || !(value.getValue() instanceof Boolean b) || b;
  }

  /** Whether the user wrote this attribute, even as an empty string. */
  boolean isExplicit(String attribute) {
    return explicit.containsKey(attribute);
  }

  /** The written value of an attribute, to point diagnostics at it; null when defaulted. */
  AnnotationValue value(String attribute) {
    return explicit.get(attribute);
  }

  private String string(String attribute) {
    AnnotationValue value = withDefaults.get(attribute);
    return value != null && value.getValue() instanceof String s ? s : "";
  }
}
