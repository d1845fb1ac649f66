package dev.strata.processor;

import dev.strata.annotation.Migration;
import java.util.Optional;
import java.util.OptionalLong;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/**
 * The {@code @Migration} on one class, read through its mirror: written values carry source
 * positions for diagnostics, defaults fill in the meaning. Values javac could not resolve read as
 * absent, since javac has already reported them.
 */
record MigrationAnnotation(TypeElement type, AnnotationMirror mirror) {

  /** The annotation on {@code type}, if it carries {@code @Migration}. */
  static Optional<MigrationAnnotation> of(TypeElement type) {
    return Mirrors.find(type, Migration.class).map(mirror -> new MigrationAnnotation(type, mirror));
  }

  String qualifiedName() {
    return type.getQualifiedName().toString();
  }

  /** Empty when javac could not evaluate the version; it has reported that already. */
  OptionalLong version() {
    AnnotationValue value = Mirrors.explicit(mirror, "version");
    return value != null && value.getValue() instanceof Number number
        ? OptionalLong.of(number.longValue())
        : OptionalLong.empty();
  }

  String description() {
    return Mirrors.string(mirror, "description");
  }

  String up() {
    return Mirrors.string(mirror, "up");
  }

  String down() {
    return Mirrors.string(mirror, "down");
  }

  boolean transactional() {
    return Mirrors.bool(mirror, "transactional");
  }

  /** Whether the user wrote this attribute, even as an empty string. */
  boolean isExplicit(String attribute) {
    return value(attribute) != null;
  }

  /** The written value of an attribute, to point diagnostics at it; null when defaulted. */
  AnnotationValue value(String attribute) {
    return Mirrors.explicit(mirror, attribute);
  }
}
