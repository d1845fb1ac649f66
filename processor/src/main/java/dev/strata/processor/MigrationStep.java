package dev.strata.processor;

import static java.util.stream.Collectors.toSet;

import dev.strata.MigrationType;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.InternalErrors;
import dev.strata.processor.base.Validated;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.migration.MigrationAnnotation;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.processor.migration.MigrationParser;
import dev.strata.processor.migration.VersionRules;
import dev.strata.processor.verify.MigrationReplay;
import dev.strata.processor.verify.ReplayedSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * {@code @Migration} classes → the valid migrations in registry order: reads each annotation,
 * checks versions across them, parses each class, then replays the SQL. A bug while handling one
 * class becomes an {@code [InternalError]} on that class, and the others are still checked.
 */
final class MigrationStep {
  private final MigrationParser parser;
  private Optional<ReplayedSchema> replayed = Optional.empty();

  MigrationStep(MigrationParser parser) {
    this.parser = parser;
  }

  /**
   * @param elements every {@code @Migration} type, sorted by qualified name
   */
  Validated<List<MigrationModel>> validate(List<TypeElement> elements) {
    ValidationReport.Builder report = ValidationReport.builder();
    List<MigrationAnnotation> annotations = new ArrayList<>();
    for (TypeElement type : elements) {
      InternalErrors.guard(type, report, () -> MigrationAnnotation.of(type))
          .ifPresent(annotations::add);
    }
    Set<TypeElement> badVersions = VersionRules.check(annotations, report);
    List<MigrationModel> valid = new ArrayList<>();
    for (MigrationAnnotation annotation : annotations) {
      InternalErrors.guard(annotation.element(), report, () -> parser.parse(annotation, report))
          .filter(model -> !badVersions.contains(model.element()))
          .ifPresent(valid::add);
    }
    valid.sort(MigrationModel.ORDER);
    noteChecksumFallback(valid, report);
    Set<Long> leftOut = leftOut(elements, annotations, valid);
    replayed =
        valid.stream()
            .filter(m -> m.type() == MigrationType.SQL)
            .findFirst()
            .flatMap(
                first ->
                    InternalErrors.guard(
                        first.element(),
                        report,
                        () -> MigrationReplay.check(valid, leftOut, report)));
    return new Validated<>(List.copyOf(valid), report.build());
  }

  /**
   * The schema that the last {@link #validate}'s replay of the SQL migrations built, when it knows
   * it: for the drift check against the entities.
   */
  Optional<ReplayedSchema> replayed() {
    return replayed;
  }

  /**
   * The versions of the migrations left out for errors, from each of which the replayed schema is
   * incomplete; {@code Long.MIN_VALUE} among them stands for one with no usable version.
   */
  private static Set<Long> leftOut(
      List<TypeElement> elements,
      List<MigrationAnnotation> annotations,
      List<MigrationModel> valid) {
    Set<Long> versions = new HashSet<>();
    if (annotations.size() < elements.size()) {
      versions.add(Long.MIN_VALUE);
    }
    Set<TypeElement> kept = valid.stream().map(MigrationModel::element).collect(toSet());
    annotations.stream()
        .filter(annotation -> !kept.contains(annotation.element()))
        .forEach(annotation -> versions.add(annotation.version().orElse(Long.MIN_VALUE)));
    return versions;
  }

  /** Once per compilation, on the first Java migration: their checksums cover less than usual. */
  private void noteChecksumFallback(List<MigrationModel> valid, ValidationReport.Builder report) {
    if (!parser.readsJavaSource()) {
      valid.stream()
          .filter(m -> m.type() == MigrationType.JAVA)
          .findFirst()
          .ifPresent(java -> report.report(Diagnostic.CHECKSUM_FALLBACK, java.element()));
    }
  }
}
