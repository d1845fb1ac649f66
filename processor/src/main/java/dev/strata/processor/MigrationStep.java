package dev.strata.processor;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.joining;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toSet;

import dev.strata.MigrationType;
import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.InternalErrors;
import dev.strata.processor.base.Validated;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.migration.MigrationAnnotation;
import dev.strata.processor.migration.MigrationModel;
import dev.strata.processor.migration.MigrationParser;
import dev.strata.processor.migration.Migrations;
import dev.strata.processor.migration.RepeatableAnnotation;
import dev.strata.processor.migration.RepeatableModel;
import dev.strata.processor.migration.VersionRules;
import dev.strata.processor.verify.MigrationReplay;
import dev.strata.processor.verify.ReplayedSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.TypeElement;

/**
 * {@code @Migration} and {@code @RepeatableMigration} classes → the valid migrations in registry
 * order: reads each annotation, checks versions and descriptions across them, parses each class,
 * then replays the SQL, the repeatables after the versioned migrations. A bug while handling one
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
    Validated<Migrations> all = validate(elements, List.of());
    return new Validated<>(all.model().versioned(), all.report());
  }

  /**
   * @param elements every {@code @Migration} type, sorted by qualified name
   * @param repeatableElements every {@code @RepeatableMigration} type, sorted by qualified name
   */
  Validated<Migrations> validate(List<TypeElement> elements, List<TypeElement> repeatableElements) {
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
    List<RepeatableModel> repeatables = repeatables(repeatableElements, report);
    Set<Long> leftOut = leftOut(elements, annotations, valid);
    replayed =
        valid.stream()
            .filter(m -> m.type() == MigrationType.SQL)
            .map(MigrationModel::element)
            .findFirst()
            .or(() -> repeatables.stream().map(RepeatableModel::element).findFirst())
            .flatMap(
                first ->
                    InternalErrors.guard(
                        first,
                        report,
                        () -> MigrationReplay.check(valid, repeatables, leftOut, report)));
    return new Validated<>(new Migrations(valid, repeatables), report.build());
  }

  /** The valid repeatables by description; each of two sharing a description is reported. */
  private List<RepeatableModel> repeatables(
      List<TypeElement> elements, ValidationReport.Builder report) {
    List<RepeatableModel> parsed = new ArrayList<>();
    for (TypeElement type : elements) {
      InternalErrors.guard(
              type,
              report,
              () -> RepeatableAnnotation.of(type).flatMap(r -> parser.parse(r, report)))
          .ifPresent(parsed::add);
    }
    Map<String, List<RepeatableModel>> byDescription =
        parsed.stream().collect(groupingBy(RepeatableModel::description, TreeMap::new, toList()));
    List<RepeatableModel> valid = new ArrayList<>();
    byDescription.forEach(
        (description, same) -> {
          if (same.size() == 1) {
            valid.add(same.get(0));
            return;
          }
          for (RepeatableModel repeatable : same) {
            RepeatableAnnotation at = repeatable.annotation();
            report.report(
                Diagnostic.DUPLICATE_REPEATABLE,
                at.element(),
                at.mirror(),
                at.value("description"),
                description,
                same.stream()
                    .filter(other -> other != repeatable)
                    .map(RepeatableModel::qualifiedName)
                    .collect(joining(", ")));
          }
        });
    valid.sort(RepeatableModel.ORDER);
    return List.copyOf(valid);
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
