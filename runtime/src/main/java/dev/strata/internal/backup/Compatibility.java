package dev.strata.internal.backup;

import dev.strata.spi.MigrationDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a backup's schema belongs to the application: its applied migrations (versions and
 * checksums) must be the registry's first ones, so that {@code migrate()} can take it on from
 * there. A head newer than the registry's, an edited or unknown migration, or a gap is a problem.
 */
final class Compatibility {
  private Compatibility() {}

  /** One sentence per kind of problem; empty when the backup is compatible. */
  static List<String> problems(List<Manifest.Applied> lineage, List<MigrationDescriptor> registry) {
    List<String> problems = new ArrayList<>();
    long head = registry.isEmpty() ? 0 : registry.get(registry.size() - 1).version();
    Map<Long, MigrationDescriptor> byVersion =
        registry.stream()
            .collect(Collectors.toMap(MigrationDescriptor::version, Function.identity()));
    List<Long> newer = new ArrayList<>();
    List<String> diverging = new ArrayList<>();
    for (Manifest.Applied applied : lineage) {
      MigrationDescriptor registered = byVersion.get(applied.version());
      if (applied.version() > head) {
        newer.add(applied.version());
      } else if (registered == null) {
        diverging.add(applied.version() + " is applied in the backup but not registered");
      } else if (!registered.checksum().equals(applied.checksum())) {
        diverging.add(
            applied.version()
                + " has checksum "
                + applied.checksum()
                + " in the backup and "
                + registered.checksum()
                + " in the registry");
      }
    }
    if (!newer.isEmpty()) {
      problems.add(
          "its schema is newer than the application's: it has migration(s) "
              + newer
              + " applied, and the application's newest is "
              + head);
    }
    if (!diverging.isEmpty()) {
      problems.add(
          "its lineage diverges from the registry's: migration " + String.join(", ", diverging));
    }
    long backupHead = lineage.isEmpty() ? 0 : lineage.get(lineage.size() - 1).version();
    List<Long> applied = lineage.stream().map(Manifest.Applied::version).toList();
    List<Long> gaps =
        registry.stream()
            .map(MigrationDescriptor::version)
            .filter(v -> v < backupHead && !applied.contains(v))
            .toList();
    if (!gaps.isEmpty()) {
      problems.add(
          "its lineage is not a prefix of the registry's: migration(s) "
              + gaps
              + " are registered below its head "
              + backupHead
              + " but not applied in it");
    }
    return problems;
  }
}
