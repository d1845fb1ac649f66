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
    List<List<String>> rows = new ArrayList<>();
    double first = Double.NaN;
    double last = Double.NaN;
    for (int n : ns) {
      double ms = Stats.of(samples.get("validate, N = " + n), Sample::inProcessMs).median();
      double perMigration = ms * 1000 / n;
      first = Double.isNaN(first) ? perMigration : first;
      last = perMigration;
      rows.add(List.of(String.valueOf(n), Report.num(ms, 1), Report.num(perMigration, 1)));
    }
    report.table(List.of("N", "in-process ms", "µs per migration"), rows);
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
    report.target(
        "3. validate, time per migration flat from N = " + ns[0] + " to " + ns[ns.length - 1],
        "largest N ≤ 1.25× per migration of smallest",
        Report.ratio(last / first)
            + " ("
            + Report.num(last, 1)
            + " µs vs "
            + Report.num(first, 1)
            + " µs)",
        last / first <= 1.25);
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
