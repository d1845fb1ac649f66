package dev.strata.processor.verify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How {@code [MigrationDrift]} is reported, from {@code -Astrata.migrationDrift}. */
public enum DriftLevel {
  /**
   * An error where the replay proves the drift (no Java migration in the chain), else a warning.
   */
  ERROR,
  /** Always a warning. */
  WARNING,
  /** Not checked. */
  OFF;

  /** The level named {@code option}, in any case and without surrounding blanks. */
  public static Optional<DriftLevel> of(String option) {
    String name = option.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(l -> l.name().equals(name)).findFirst();
  }

  /** {@code error, warning, off}: how the option spells them. */
  public static String names() {
    return Arrays.stream(values())
        .map(l -> l.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
