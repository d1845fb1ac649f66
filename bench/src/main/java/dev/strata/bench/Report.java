package dev.strata.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Markdown the run prints and writes to {@code RESULTS.md}: sections, tables and targets. */
public final class Report {
  private final StringBuilder body = new StringBuilder();
  private final List<String> targets = new ArrayList<>();

  /** Starts a section. */
  public void section(String title) {
    body.append("\n## ").append(title).append("\n\n");
  }

  /** A paragraph of prose. */
  public void note(String text) {
    body.append(text).append("\n\n");
  }

  /** A table; every row has as many cells as {@code header}. */
  public void table(List<String> header, List<List<String>> rows) {
    body.append("| ").append(String.join(" | ", header)).append(" |\n|");
    body.append("---|".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      body.append("| ").append(String.join(" | ", row)).append(" |\n");
    }
    body.append('\n');
  }

  /** Records a target of the issue against its measured figure. */
  public void target(String what, String goal, String measured, boolean met) {
    targets.add(
        "| "
            + what
            + " | "
            + goal
            + " | "
            + measured
            + " | "
            + (met ? "met" : "**missed**")
            + " |");
  }

  /** Records a target that this run could not measure, and why. */
  public void unmeasured(String what, String goal, String why) {
    targets.add("| " + what + " | " + goal + " | " + why + " | not measured |");
  }

  /** The whole document under {@code header}, the targets table first. */
  public String render(String header) {
    StringBuilder out = new StringBuilder(header);
    out.append("\n## Targets\n\n| target | goal | measured | verdict |\n|---|---|---|---|\n");
    targets.forEach(t -> out.append(t).append('\n'));
    return out.append(body).toString();
  }

  /**
   * One row per contender: wall time (median, min–max), the ratio of the medians to {@code
   * reference}'s (none when null), CPU time and its ratio, peak RSS and the in-process time of the
   * operation.
   */
  public void processTable(Map<String, List<Sample>> samples, String reference) {
    double base =
        reference == null ? Double.NaN : Stats.of(samples.get(reference), Sample::wallMs).median();
    double baseCpu =
        reference == null ? Double.NaN : Stats.of(samples.get(reference), Sample::cpuMs).median();
    List<List<String>> rows = new ArrayList<>();
    for (Map.Entry<String, List<Sample>> e : samples.entrySet()) {
      List<Sample> s = e.getValue();
      double wall = Stats.of(s, Sample::wallMs).median();
      rows.add(
          List.of(
              e.getKey(),
              Stats.of(s, Sample::wallMs).format(0),
              reference == null ? "" : ratio(wall / base),
              Stats.of(s, Sample::cpuMs).format(0),
              reference == null ? "" : ratio(Stats.of(s, Sample::cpuMs).median() / baseCpu),
              Stats.of(s, x -> x.rssKb() / 1024.0).format(0),
              Stats.of(s, Sample::inProcessMs).format(1)));
    }
    int most = samples.values().stream().mapToInt(List::size).max().orElse(0);
    List<String> once =
        samples.entrySet().stream()
            .filter(e -> e.getValue().size() == 1 && most > 1)
            .map(Map.Entry::getKey)
            .toList();
    if (!once.isEmpty()) {
      note(
          String.join(", ", once)
              + ": one run, not repeated, since it took longer than the longest run a full"
              + " benchmark repeats (its figures are that run's, min = max = median).");
    }
    table(
        List.of(
            "contender",
            "wall ms",
            reference == null ? "" : "× " + reference,
            "CPU ms",
            reference == null ? "" : "CPU × " + reference,
            "peak RSS MB",
            "in-process ms"),
        rows);
  }

  /** The ratio of the median wall times of two contenders. */
  public static double wallRatio(Map<String, List<Sample>> samples, String a, String b) {
    return Stats.of(samples.get(a), Sample::wallMs).median()
        / Stats.of(samples.get(b), Sample::wallMs).median();
  }

  /** {@code value} with {@code decimals} digits. */
  public static String num(double value, int decimals) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  /** A ratio such as {@code 1.07×}. */
  public static String ratio(double value) {
    return num(value, 2) + "×";
  }
}
