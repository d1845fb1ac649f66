package dev.strata.processor.migration;

import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One valid repeatable migration, as the generated registry will describe it.
 *
 * @param description stripped; identifies and orders it
 * @param up the statements as written, comment-only ones dropped
 * @param checksum over the normalised statements, as for a SQL migration
 */
public record RepeatableModel(
    RepeatableAnnotation annotation, String description, List<String> up, String checksum) {

  /**
   * The runtime's order, by description ({@link String#compareTo}); ties (only possible in an
   * erroneous compilation) by class name.
   */
  public static final Comparator<RepeatableModel> ORDER =
      Comparator.comparing(RepeatableModel::description)
          .thenComparing(RepeatableModel::qualifiedName);

  public RepeatableModel {
    up = List.copyOf(up);
  }

  public TypeElement element() {
    return annotation.element();
  }

  public String qualifiedName() {
    return annotation.qualifiedName();
  }
}
