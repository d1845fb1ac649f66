package dev.strata.processor.migration;

import dev.strata.annotation.RepeatableMigration;
import dev.strata.processor.base.Mirrors;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;

/** The {@code @RepeatableMigration} on one class, read through its mirror for diagnostics. */
public record RepeatableAnnotation(TypeElement element, AnnotationMirror mirror) {

  /** The annotation on {@code element}, if it carries {@code @RepeatableMigration}. */
  public static Optional<RepeatableAnnotation> of(TypeElement element) {
    return Mirrors.find(element, RepeatableMigration.class)
        .map(mirror -> new RepeatableAnnotation(element, mirror));
  }

  public String qualifiedName() {
    return element.getQualifiedName().toString();
  }

  public String description() {
    return Mirrors.string(mirror, "description");
  }

  public String up() {
    return Mirrors.string(mirror, "up");
  }

  /** The written value of an attribute, to point diagnostics at it; null when defaulted. */
  public AnnotationValue value(String attribute) {
    return Mirrors.explicit(mirror, attribute);
  }
}
