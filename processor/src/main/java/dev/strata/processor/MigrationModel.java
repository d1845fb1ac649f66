package dev.strata.processor;

import dev.strata.MigrationType;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * One valid migration, as the generated registry will describe it.
 *
 * @param annotation where it came from, for diagnostics and originating elements
 * @param up the SQL-form statements as written (comment-only ones dropped); empty for Java form
 * @param down the SQL-form undo statements; empty when irreversible or Java form
 */
record MigrationModel(
    MigrationAnnotation annotation,
    long version,
    String description,
    MigrationType type,
    List<String> up,
    List<String> down,
    String checksum,
    boolean reversible,
    boolean transactional) {

  /** Registry order: by version, ties (only possible in an erroneous compilation) by class name. */
  static final Comparator<MigrationModel> ORDER =
      Comparator.comparingLong(MigrationModel::version)
          .thenComparing(MigrationModel::qualifiedName);

  MigrationModel {
    up = List.copyOf(up);
    down = List.copyOf(down);
  }

  TypeElement element() {
    return annotation.type();
  }

  String qualifiedName() {
    return annotation.qualifiedName();
  }
}
