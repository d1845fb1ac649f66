package dev.strata.processor.migration;

import com.sun.source.util.Trees;
import dev.strata.annotation.Migration;
import dev.strata.processor.base.Mirrors;
import dev.strata.processor.base.Origin;
import dev.strata.sql.Dialect;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * The {@code @Migration} on one class, read through its mirror: written values carry source
 * positions for diagnostics, defaults fill in the meaning. Values javac could not resolve read as
 * absent, since javac has already reported them.
 */
public record MigrationAnnotation(TypeElement element, AnnotationMirror mirror) {

  /** The annotation on {@code element}, if it carries {@code @Migration}. */
  public static Optional<MigrationAnnotation> of(TypeElement element) {
    return Mirrors.find(element, Migration.class)
        .map(mirror -> new MigrationAnnotation(element, mirror));
  }

  public String qualifiedName() {
    return element.getQualifiedName().toString();
  }

  /** Empty when javac could not evaluate the version; it has reported that already. */
  public OptionalLong version() {
    AnnotationValue value = Mirrors.explicit(mirror, "version");
    return value != null && value.getValue() instanceof Number number
        ? OptionalLong.of(number.longValue())
        : OptionalLong.empty();
  }

  public String description() {
    return Mirrors.string(mirror, "description");
  }

  public String up() {
    return Mirrors.string(mirror, "up");
  }

  public String down() {
    return Mirrors.string(mirror, "down");
  }

  public boolean foreignKeys() {
    return Mirrors.bool(mirror, "foreignKeys");
  }

  public boolean destructive() {
    return Mirrors.bool(mirror, "destructive");
  }

  public boolean transactional() {
    return Mirrors.bool(mirror, "transactional");
  }

  /**
   * The names of the {@code UnsafeRule}s in {@code allowUnsafe}; an entry javac could not resolve
   * is left out, since javac has reported it.
   */
  public Set<String> allowUnsafe() {
    Set<String> rules = new TreeSet<>();
    for (AnnotationValue entry : Mirrors.list(mirror, "allowUnsafe")) {
      if (entry.getValue() instanceof VariableElement constant) {
        rules.add(constant.getSimpleName().toString());
      }
    }
    return rules;
  }

  /**
   * The dialects the plain {@code up}/{@code down} are written for; an entry javac could not
   * resolve is left out, since javac has reported it.
   */
  public Set<Dialect> dialects() {
    Set<Dialect> dialects = EnumSet.noneOf(Dialect.class);
    for (AnnotationValue entry : Mirrors.list(mirror, "dialects")) {
      if (entry.getValue() instanceof VariableElement constant) {
        dialects.add(Dialect.valueOf(constant.getSimpleName().toString()));
      }
    }
    return dialects;
  }

  /** Each {@code @Migration.Sql} on the class, whether written once or several times. */
  public List<Origin> dialectTexts(Trees trees) {
    return Origin.allOf(element, Migration.Sql.class, Migration.Sqls.class, trees);
  }

  /** Whether the user wrote this attribute, even as an empty string. */
  public boolean isExplicit(String attribute) {
    return value(attribute) != null;
  }

  /** The written value of an attribute, to point diagnostics at it; null when defaulted. */
  public AnnotationValue value(String attribute) {
    return Mirrors.explicit(mirror, attribute);
  }
}
