package dev.strata.processor;

import dev.strata.processor.base.Diagnostic;
import dev.strata.processor.base.ValidationReport;
import dev.strata.processor.verify.DriftLevel;
import dev.strata.sql.Dialect;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/** The {@code -A} options Strata reads, and where the generated types go. */
/**
 * @param packageOption {@code -Astrata.package} as given, or {@code null}
 * @param driftOption {@code -Astrata.migrationDrift} as given, or {@code null}
 * @param dialectsOption {@code -Astrata.dialects} as given, or {@code null}
 */
record ProcessorOptions(
    String packageOption,
    boolean waitForGenerated,
    boolean services,
    boolean fixtures,
    String driftOption,
    String dialectsOption) {
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

  /**
   * The dialects the project targets, comma-separated: {@code sqlite} (the default) and {@code
   * postgresql}. Each targeted dialect gets its DDL, and every SQL-form migration and trigger needs
   * a text for it. SQLite stays in the list: its texts are the ones checked at compile time.
   */
  static final String DIALECTS_OPTION = "strata.dialects";

  static final Set<String> NAMES =
      Set.of(
          PACKAGE_OPTION,
          WAIT_OPTION,
          SERVICES_OPTION,
          FIXTURES_OPTION,
          DRIFT_OPTION,
          DIALECTS_OPTION);

  /** Used when the annotated types share no package at all. */
  static final String FALLBACK_PACKAGE = "strata.generated";

  static ProcessorOptions of(Map<String, String> options) {
    return new ProcessorOptions(
        options.get(PACKAGE_OPTION),
        Boolean.parseBoolean(options.get(WAIT_OPTION)),
        notFalse(options.get(SERVICES_OPTION)),
        notFalse(options.get(FIXTURES_OPTION)),
        options.get(DRIFT_OPTION),
        options.get(DIALECTS_OPTION));
  }

  /**
   * The targeted dialects, SQLite first; empty when the option names an unknown dialect or leaves
   * SQLite out ({@link #dialectsProblem} says which).
   */
  Optional<List<Dialect>> dialects() {
    return dialectsProblem() == null ? Optional.of(named()) : Optional.empty();
  }

  /** The targeted dialects; SQLite alone when the option is invalid, which is reported. */
  List<Dialect> targetDialects() {
    return dialects().orElse(List.of(Dialect.SQLITE));
  }

  /** The dialects the option names, in enum order; SQLite alone when it is not given. */
  private List<Dialect> named() {
    if (dialectsOption == null || dialectsOption.isBlank()) {
      return List.of(Dialect.SQLITE);
    }
    Set<Dialect> named = EnumSet.noneOf(Dialect.class);
    for (String name : dialectsOption.split(",")) {
      dialect(name).ifPresent(named::add);
    }
    return List.copyOf(named);
  }

  private static Optional<Dialect> dialect(String name) {
    return Arrays.stream(Dialect.values())
        .filter(d -> d.name().equalsIgnoreCase(name.strip()))
        .findFirst();
  }

  /** What is wrong with the dialects option and how to fix it, or null when it is fine. */
  private String[] dialectsProblem() {
    if (dialectsOption == null || dialectsOption.isBlank()) {
      return null;
    }
    String known =
        Arrays.stream(Dialect.values())
            .map(d -> d.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(" and "));
    for (String name : dialectsOption.split(",")) {
      if (dialect(name).isEmpty()) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        String guess =
            Arrays.stream(Dialect.values())
                .map(d -> d.name().toLowerCase(Locale.ROOT))
                .filter(d -> !lower.isEmpty() && (d.startsWith(lower) || lower.startsWith(d)))
                .findFirst()
                .map(d -> "did you mean " + d + "? ")
                .orElse("");
        return new String[] {
          "names '" + name.strip() + "', which is not a dialect: they are " + known,
          guess + "list the dialects the project targets, e.g. -Astrata.dialects=sqlite,postgresql"
        };
      }
    }
    if (!named().contains(Dialect.SQLITE)) {
      return new String[] {
        "leaves out sqlite",
        "keep sqlite in the list (-Astrata.dialects=sqlite,postgresql): the plain up/down of a"
            + " migration is SQLite's text, the one Strata checks at compile time"
      };
    }
    return null;
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
    String[] dialectsProblem = dialectsProblem();
    if (dialectsProblem != null) {
      report.report(
          Diagnostic.INVALID_DIALECTS,
          null,
          dialectsOption.strip(),
          dialectsProblem[0],
          dialectsProblem[1]);
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
