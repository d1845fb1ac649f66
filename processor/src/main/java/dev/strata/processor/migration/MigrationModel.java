package dev.strata.processor.migration;

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
 * @param foreignKeys false when the step runs with foreign-key enforcement off, as a table rebuild
 * @param destructive whether the step declares that it drops data on purpose
 * @param dialectTexts the SQL-form texts for dialects the plain text is not written for, by dialect
 */
public record MigrationModel(
    MigrationAnnotation annotation,
    long version,
    String description,
    MigrationType type,
    List<String> up,
    List<String> down,
    String checksum,
    boolean reversible,
    boolean transactional,
    boolean foreignKeys,
    boolean destructive,
    List<DialectText> dialectTexts) {

  /** Registry order: by version, ties (only possible in an erroneous compilation) by class name. */
  public static final Comparator<MigrationModel> ORDER =
      Comparator.comparingLong(MigrationModel::version)
          .thenComparing(MigrationModel::qualifiedName);

  public MigrationModel {
    up = List.copyOf(up);
    down = List.copyOf(down);
    dialectTexts = List.copyOf(dialectTexts);
  }

  public TypeElement element() {
    return annotation.element();
  }

  public String qualifiedName() {
    return annotation.qualifiedName();
  }
}
