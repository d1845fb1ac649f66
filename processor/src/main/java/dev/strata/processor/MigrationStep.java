package dev.strata.processor;

import static java.util.stream.Collectors.toSet;

import dev.strata.MigrationType;
import dev.strata.annotation.Migration;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * {@code @Migration} → {@code StrataMigrations}: reads each annotation, checks versions, shapes and
 * SQL, and writes the registry once everything is clean. A bug while handling one class becomes an
 * {@code [InternalError]} on that class, and the others are still checked.
 */
final class MigrationStep implements ProcessingStep {
  private final ProcessingEnvironment env;
  private final MigrationParser parser;
  private List<MigrationModel> models = List.of();

  MigrationStep(ProcessingEnvironment env) {
    this(env, new MigrationParser(
        env.getElementUtils(), env.getTypeUtils(), new SourceChecksum(env)));
  }

  /** With another parser; tests use it to make the processor fail on purpose. */
  MigrationStep(ProcessingEnvironment env, MigrationParser parser) {
    this.env = env;
    this.parser = parser;
  }

  @Override
  public List<Class<? extends Annotation>> annotations() {
    return List.of(Migration.class);
  }

  @Override
  public ValidationReport validate(List<TypeElement> elements) {
    ValidationReport.Builder report = ValidationReport.builder();
    List<MigrationAnnotation> annotations = new ArrayList<>();
    for (TypeElement type : elements) {
      guarded(type, report, () -> MigrationAnnotation.of(type))
          .ifPresent(annotations::add);
    }
    Set<TypeElement> badVersions = MigrationValidator.checkVersions(annotations, report);
    List<MigrationModel> valid = new ArrayList<>();
    for (MigrationAnnotation annotation : annotations) {
      guarded(annotation.type(), report, () -> parser.parse(annotation, report))
          .filter(model -> !badVersions.contains(model.element()))
          .ifPresent(valid::add);
    }
    valid.sort(MigrationModel.ORDER);
    noteChecksumFallback(valid, report);
    checkSql(valid, firstLeftOut(elements, annotations, valid), report);
    models = List.copyOf(valid);
    return report.build();
  }

  /**
   * The lowest version among the migrations left out for errors, from where the replayed schema
   * is incomplete; {@code Long.MIN_VALUE} if one has no usable version, {@code Long.MAX_VALUE} if
   * none was left out.
   */
  private static long firstLeftOut(List<TypeElement> elements,
      List<MigrationAnnotation> annotations, List<MigrationModel> valid) {
    if (annotations.size() < elements.size()) {
      return Long.MIN_VALUE;
    }
    Set<TypeElement> kept = valid.stream().map(MigrationModel::element).collect(toSet());
    return annotations.stream()
        .filter(annotation -> !kept.contains(annotation.type()))
        .mapToLong(annotation -> annotation.version().orElse(Long.MIN_VALUE))
        .min()
        .orElse(Long.MAX_VALUE);
  }

  /** Once per compilation, on the first Java migration: their checksums cover less than usual. */
  private void noteChecksumFallback(List<MigrationModel> valid, ValidationReport.Builder report) {
    if (!parser.readsJavaSource()) {
      valid.stream().filter(m -> m.type() == MigrationType.JAVA).findFirst()
          .ifPresent(java -> report.report(Diagnostic.CHECKSUM_FALLBACK, java.element()));
    }
  }

  private static void checkSql(
      List<MigrationModel> valid, long firstLeftOut, ValidationReport.Builder report) {
    Optional<MigrationModel> firstSql =
        valid.stream().filter(m -> m.type() == MigrationType.SQL).findFirst();
    if (firstSql.isEmpty()) {
      return;
    }
    try {
      MigrationSqlReplay.check(valid, firstLeftOut, report);
    } catch (SQLException | RuntimeException | LinkageError e) {
      InternalErrors.report(report, firstSql.get().element(), e);
    }
  }

  /** Runs one class's work; an unexpected failure becomes an {@code [InternalError]} on it. */
  private static <T> Optional<T> guarded(
      Element element, ValidationReport.Builder report, Supplier<Optional<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException | LinkageError e) {
      InternalErrors.report(report, element, e);
      return Optional.empty();
    }
  }

  @Override
  public void generate(String targetPackage) throws IOException {
    if (models.isEmpty()) {
      return;
    }
    boolean generatedAvailable = env.getElementUtils()
        .getTypeElement("javax.annotation.processing.Generated") != null;
    RegistryWriter.write(targetPackage, models, env.getFiler(), generatedAvailable);
  }
}
