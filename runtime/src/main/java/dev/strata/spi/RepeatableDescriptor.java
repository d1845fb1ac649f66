package dev.strata.spi;

import java.util.List;
import java.util.Objects;

/**
 * One repeatable migration: no version, re-applied after the versioned migrations whenever its
 * checksum differs from the one last applied. Repeatables run in ascending order of description,
 * which identifies them and must be unique within a registry.
 *
 * @param description identifies the repeatable and orders it; not blank
 * @param checksum {@code sha256:<hex>} of the normalised statements
 * @param source the fully qualified name of the annotated class, for messages
 * @param up the statements, already split, run in one transaction with the history row
 */
public record RepeatableDescriptor(
    String description, String checksum, String source, List<String> up) {

  public RepeatableDescriptor {
    Objects.requireNonNull(description, "description");
    if (description.isBlank()) {
      throw new IllegalArgumentException("description must not be blank");
    }
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(source, "source");
    up = List.copyOf(up);
  }
}
