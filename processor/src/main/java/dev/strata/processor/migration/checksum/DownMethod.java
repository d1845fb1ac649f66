package dev.strata.processor.migration.checksum;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;

/**
 * The one test for a Java migration's {@code down(MigrationContext)}: the checksum leaves it out,
 * and whether a class implements it decides if the migration is reversible.
 */
public final class DownMethod {
  private static final String CONTEXT = "dev.strata.MigrationContext";

  private DownMethod() {}

  public static boolean matches(Element member) {
    return member instanceof ExecutableElement method
        && method.getKind() == ElementKind.METHOD
        && method.getSimpleName().contentEquals("down")
        && method.getParameters().size() == 1
        && method.getParameters().get(0).asType().toString().equals(CONTEXT);
  }
}
