package dev.strata.processor;

import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.verify.DriftLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.SourceVersion;

/** The {@code -A} options Strata reads, and where the generated types go. */
/**
 * @param packageOption {@code -Astrata.package} as given, or {@code null}
 * @param driftOption {@code -Astrata.migrationDrift} as given, or {@code null}
 */
record ProcessorOptions(
    String packageOption,
    boolean waitForGenerated,
    boolean services,
    boolean fixtures,
    String driftOption) {
  /** Overrides the package of the generated types. */
  static final String PACKAGE_OPTION = "strata.package";

  /**
   * {@code true} makes Strata wait for a round that brings no new Strata element, so that classes
   * other processors generate join the registry, at the cost of javac's warning about sources
   * created in the last round when that quiet round is the last.
   */
  static final String WAIT_OPTION = "strata.waitForGenerated";

  /**
   * {@code false} leaves out the {@code META-INF/services} entries, for a registry that must not
   * compete in {@code ServiceLoader} discovery with another one, such as test sources' own registry
   * beside the main one; it is then passed explicitly with {@code .registry(..)}.
   */
  static final String SERVICES_OPTION = "strata.services";

  /**
   * {@code false} generates no test fixtures ({@code StrataFixtures} and the {@code
   * <Entity>Fixture}s), for a module whose tests do not use them.
   */
  static final String FIXTURES_OPTION = "strata.fixtures";

  /**
   * The level of {@code [MigrationDrift]}: {@code error} (the default: an error where the replay
   * proves the drift, a warning where Java migrations may account for it), {@code warning} or
   * {@code off}.
   */
  static final String DRIFT_OPTION = "strata.migrationDrift";

  static final Set<String> NAMES =
      Set.of(PACKAGE_OPTION, WAIT_OPTION, SERVICES_OPTION, FIXTURES_OPTION, DRIFT_OPTION);

  /** Used when the annotated types share no package at all. */
  static final String FALLBACK_PACKAGE = "strata.generated";

  static ProcessorOptions of(Map<String, String> options) {
    return new ProcessorOptions(
        options.get(PACKAGE_OPTION),
        Boolean.parseBoolean(options.get(WAIT_OPTION)),
        notFalse(options.get(SERVICES_OPTION)),
        notFalse(options.get(FIXTURES_OPTION)),
        options.get(DRIFT_OPTION));
  }

  /** The drift level as given, the default when not given; empty when it is not a level. */
  Optional<DriftLevel> driftLevel() {
    return driftOption == null || driftOption.isBlank()
        ? Optional.of(DriftLevel.ERROR)
        : DriftLevel.of(driftOption);
  }

  private static boolean notFalse(String option) {
    return option == null || !option.strip().equalsIgnoreCase("false");
  }

  /** The package option without surrounding blanks; empty when not given or blank. */
  Optional<String> packageName() {
    return Optional.ofNullable(packageOption).map(String::trim).filter(name -> !name.isEmpty());
  }

  /** A bad package option is reported plainly, with no element, since no source holds it. */
  ValidationReport problems() {
    ValidationReport.Builder report = ValidationReport.builder();
    if (packageName().filter(name -> !SourceVersion.isName(name)).isPresent()) {
      report.report(Diagnostic.INVALID_OPTION, null, PACKAGE_OPTION, packageOption);
    }
    if (driftLevel().isEmpty()) {
      report.report(
          Diagnostic.INVALID_OPTION_VALUE,
          null,
          DRIFT_OPTION,
          driftOption,
          DriftLevel.names(),
          "error");
    }
    return report.build();
  }

  /**
   * The option if given and valid, else the longest package prefix shared by every annotated type.
   * An invalid option is reported by {@link #problems()}, and nothing is generated then.
   */
  String targetPackage(List<String> packagesOfTypes) {
    Optional<String> option = packageName().filter(SourceVersion::isName);
    if (option.isPresent()) {
      return option.get();
    }
    String common = null;
    for (String name : packagesOfTypes) {
      common = common == null ? name : commonPrefix(common, name);
    }
    return common == null || common.isEmpty() ? FALLBACK_PACKAGE : common;
  }

  private static String commonPrefix(String a, String b) {
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < Math.min(left.length, right.length) && left[i].equals(right[i]); i++) {
      if (prefix.length() > 0) {
        prefix.append('.');
      }
      prefix.append(left[i]);
    }
    return prefix.toString();
  }
}
