package dev.strata;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The state of every migration known to the registry or the history, ordered by version. */
public record InfoResult(List<MigrationInfo> migrations) {
  private static final DateTimeFormatter INSTALLED_ON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  public InfoResult {
    migrations = List.copyOf(migrations);
  }

  /**
   * The highest successfully applied version, in the registry or not; 0 when nothing is applied.
   */
  public long currentVersion() {
    return migrations.stream()
        .filter(
            m ->
                m.state() == MigrationState.APPLIED
                    || m.state() == MigrationState.CREATED_FROM_ENTITIES
                    || m.state() == MigrationState.MISSING)
        .mapToLong(MigrationInfo::version)
        .max()
        .orElse(0);
  }

  /** Registered migrations not applied yet: pending ones and out-of-order ones. */
  public List<MigrationInfo> pending() {
    return migrations.stream()
        .filter(
            m -> m.state() == MigrationState.PENDING || m.state() == MigrationState.OUT_OF_ORDER)
        .toList();
  }

  /** A fixed-width table: version, description, type, state, installed on (UTC), ms. */
  public String render() {
    TextTable table =
        new TextTable("Version", "Description", "Type", "State", "Installed on (UTC)", "ms");
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

  /** A fixed-width text table. */
  private static final class TextTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... header) {
      this.header = List.of(header);
    }

    TextTable row(String... cells) {
      if (cells.length != header.size()) {
        throw new IllegalArgumentException("expected " + header.size() + " cells");
      }
      rows.add(List.of(cells));
      return this;
    }

    String render() {
      int[] widths = new int[header.size()];
      for (List<String> row : allRows()) {
        for (int i = 0; i < widths.length; i++) {
          widths[i] = Math.max(widths[i], row.get(i).length());
        }
      }
      StringBuilder out = new StringBuilder();
      String rule = rule(widths);
      out.append(rule);
      line(out, header, widths);
      out.append(rule);
      for (List<String> row : rows) {
        line(out, row, widths);
      }
      return out.append(rule).toString();
    }

    private List<List<String>> allRows() {
      List<List<String>> all = new ArrayList<>(rows);
      all.add(header);
      return all;
    }

    private static String rule(int[] widths) {
      StringBuilder rule = new StringBuilder("+");
      for (int width : widths) {
        rule.append("-".repeat(width + 2)).append('+');
      }
      return rule.append('\n').toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
      out.append('|');
      for (int i = 0; i < widths.length; i++) {
        String cell = cells.get(i);
        out.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
      }
      out.append('\n');
    }
  }
}
