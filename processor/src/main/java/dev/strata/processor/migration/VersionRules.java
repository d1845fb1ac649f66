package dev.strata.processor.migration;

import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.lang.model.element.TypeElement;

/**
 * The rules on versions, which span all migrations: each is positive, and no two share one. Reports
 * on the {@code version} attribute itself, and on every class of a duplicate.
 */
public final class VersionRules {
  private VersionRules() {}

  /** Reports version problems and returns the classes that have one. */
  public static Set<TypeElement> check(
      List<MigrationAnnotation> migrations, ValidationReport.Builder report) {
    Map<Long, List<MigrationAnnotation>> byVersion = new TreeMap<>();
    List<TypeElement> invalid = new ArrayList<>();
    for (MigrationAnnotation migration : migrations) {
      OptionalLong version = migration.version();
      if (version.isEmpty()) {
        continue;
      }
      if (version.getAsLong() <= 0) {
        report.report(
            Diagnostic.INVALID_VERSION,
            migration.element(),
            migration.mirror(),
            migration.value("version"),
            version.getAsLong());
        invalid.add(migration.element());
      } else {
        byVersion.computeIfAbsent(version.getAsLong(), v -> new ArrayList<>()).add(migration);
      }
    }
    byVersion.values().stream()
        .filter(same -> same.size() > 1)
        .forEach(
            same -> {
              for (MigrationAnnotation migration : same) {
                String others =
                    same.stream()
                        .filter(other -> other != migration)
                        .map(MigrationAnnotation::qualifiedName)
                        .collect(Collectors.joining(", "));
                report.report(
                    Diagnostic.DUPLICATE_VERSION,
                    migration.element(),
                    migration.mirror(),
                    migration.value("version"),
                    migration.version().getAsLong(),
                    others);
                invalid.add(migration.element());
              }
            });
    return Set.copyOf(invalid);
  }
}
