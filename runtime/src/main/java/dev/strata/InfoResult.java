package dev.strata;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The state of every migration known to the registry or the history, ordered by version. */
public record InfoResult(List<MigrationInfo> migrations) {
  private static final DateTimeFormatter INSTALLED_ON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  public InfoResult {
    migrations = List.copyOf(migrations);
  }

  /** The highest successfully applied version, in the registry or not; 0 when nothing is applied. */
  public long currentVersion() {
    return migrations.stream()
        .filter(m -> m.state() == MigrationState.APPLIED || m.state() == MigrationState.MISSING)
        .mapToLong(MigrationInfo::version)
        .max()
        .orElse(0);
  }

  /** Registered migrations not applied yet: pending ones and out-of-order ones. */
  public List<MigrationInfo> pending() {
    return migrations.stream()
        .filter(m -> m.state() == MigrationState.PENDING || m.state() == MigrationState.OUT_OF_ORDER)
        .toList();
  }

  /** A fixed-width table: version, description, type, state, installed on (UTC), ms. */
  public String render() {
    TextTable table = new TextTable("Version", "Description", "Type", "State", "Installed on (UTC)", "ms");
    for (MigrationInfo m : migrations) {
      table.row(
          Long.toString(m.version()),
          m.description(),
          m.type() == null ? "" : m.type().name(),
          m.state().name(),
          m.installedOn().map(INSTALLED_ON::format).orElse(""),
          m.executionMs().isPresent() ? Long.toString(m.executionMs().getAsLong()) : "");
    }
    return table.render();
  }

  @Override
  public String toString() {
    return render();
  }
}
