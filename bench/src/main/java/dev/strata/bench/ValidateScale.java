package dev.strata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 3: {@code validate()} of N applied migrations; the time per migration must stay flat.
 * The drift check compares a database of N tables with N entities.
 */
final class ValidateScale implements Bench.Scenario {
  @Override
  public String title() {
    return "Validate at scale";
  }

  @Override
  public void run(Harness h, Report report) {
    Proc p = h.proc();
    int[] ns = h.settings().validateNs();
    List<Harness.Contender> contenders = new ArrayList<>();
    for (int n : ns) {
      Harness.Registries sql = h.sqlRegistry(n);
      Path db = applied(h, "validate-" + n, sql);
      contenders.add(
          new Harness.Contender(
              "validate, N = " + n,
              () ->
                  p.run(
                      sql.classes(), StrataChild.class, "validate", Harness.url(db), sql.names())));
    }
    int d = h.settings().driftN();
    String pkg = "bench.drift.n" + d;
    Path classes =
        h.compiled(
            "drift-" + d,
            src -> {
              Sources.sqlMigrations(src, pkg, 1, d);
              Sources.entities(src, pkg, 1, d);
            },
            List.of(
                "-Astrata.package=" + pkg, "-Astrata.services=false", "-Astrata.fixtures=false"));
    Harness.Registries drift = new Harness.Registries(List.of(classes), pkg + ".StrataMigrations");
    Path driftDb = applied(h, "validate-drift-" + d, drift);
    String withDrift = "validate + drift, N = " + d + " tables and entities";
    String withoutDrift = "validate without schema, same N = " + d;
    contenders.add(
        new Harness.Contender(
            withDrift,
            () ->
                p.run(
                    drift.classes(),
                    StrataChild.class,
                    "validate",
                    Harness.url(driftDb),
                    drift.names(),
                    pkg + ".StrataSchema")));
    contenders.add(
        new Harness.Contender(
            withoutDrift,
            () ->
                p.run(
                    drift.classes(),
                    StrataChild.class,
                    "validate",
                    Harness.url(driftDb),
                    drift.names())));
    Map<String, List<Sample>> samples = h.interleave(contenders);
    report.note(
        "Read-only `validate()` of N applied SQL-form migrations (checksums, missing, order),"
            + " without a schema; then with N entities, so that drift is compared table by table."
            + " In-process covers loading the registry, configuring and validating.");
    report.processTable(samples, null);
    // Fixed costs (JVM, driver, class loading) dominate small N, so flatness is judged on the
    // marginal cost: the extra time per extra migration between successive sizes.
    List<List<String>> rows = new ArrayList<>();
    List<Double> slopes = new ArrayList<>();
    double previousMs = Double.NaN;
    for (int i = 0; i < ns.length; i++) {
      double ms = Stats.of(samples.get("validate, N = " + ns[i]), Sample::inProcessMs).median();
      double slope = i == 0 ? Double.NaN : (ms - previousMs) * 1000 / (ns[i] - ns[i - 1]);
      if (i > 0) {
        slopes.add(slope);
      }
      rows.add(
          List.of(
              String.valueOf(ns[i]),
              Report.num(ms, 1),
              Report.num(ms * 1000 / ns[i], 1),
              i == 0 ? "" : Report.num(slope, 1)));
      previousMs = ms;
    }
    report.table(List.of("N", "in-process ms", "µs per migration", "µs per extra migration"), rows);
    double driftMs = Stats.of(samples.get(withDrift), Sample::inProcessMs).median();
    double plainMs = Stats.of(samples.get(withoutDrift), Sample::inProcessMs).median();
    report.note(
        "Drift at "
            + d
            + " tables adds "
            + Report.num(driftMs - plainMs, 1)
            + " ms ("
            + Report.num((driftMs - plainMs) * 1000 / d, 1)
            + " µs per table).");
    String range = "N = " + ns[0] + " to " + ns[ns.length - 1];
    if (slopes.size() < 2) {
      report.unmeasured(
          "3. validate, time per migration flat, " + range,
          "marginal cost per migration flat",
          "needs three sizes; "
              + Report.num(slopes.get(0), 1)
              + " µs per extra migration between the two");
    } else {
      double growth = slopes.get(slopes.size() - 1) / slopes.get(0);
      report.target(
          "3. validate, time per migration flat, " + range,
          "last marginal cost ≤ 1.25× the first",
          Report.ratio(growth)
              + " ("
              + slopes.stream().map(x -> Report.num(x, 1)).toList()
              + " µs per extra migration)",
          growth <= 1.25);
    }
  }

  private static Path applied(Harness h, String name, Harness.Registries registries) {
    Path db = h.freshDb(name);
    Sample s =
        h.proc()
            .run(
                registries.classes(),
                StrataChild.class,
                "migrate",
                Harness.url(db),
                registries.names());
    if (s.exitCode() != 0) {
      throw new IllegalStateException("applying " + name + " failed:\n" + h.proc().lastFailure());
    }
    return db;
  }
}
