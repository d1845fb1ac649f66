package dev.strata.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Scenario 1: N migrations (a table, an index and a row each) applied to a new file. */
final class FreshApply implements Bench.Scenario {
  static final String FLOOR = "JDBC floor (Strata's PRAGMAs)";
  static final String STRATA_SQL = "Strata, SQL form";
  static final String FLYWAY_WAL = "Flyway (WAL, NORMAL)";
  static final String FLYWAY_DEFAULT = "Flyway (defaults)";
  static final String WAL_PARAMS = "?journal_mode=WAL&synchronous=NORMAL";

  @Override
  public String title() {
    return "Fresh apply";
  }

  @Override
  public void run(Harness h, Report report) {
    report.note(
        "Each migration creates a table, an index and one row; a new database file per run. The"
            + " floor runs the same statements by hand on one connection, one `BEGIN IMMEDIATE`"
            + " transaction per migration with its history row, with Strata's PRAGMAs"
            + " (`foreign_keys`, WAL, `synchronous = NORMAL`, `busy_timeout`); the last row shows"
            + " it with SQLite's defaults (rollback journal, `synchronous = FULL`).");
    for (int n : h.settings().freshNs()) {
      Bench.progress(" N = " + n);
      Harness.Registries sql = h.sqlRegistry(n);
      Harness.Registries java = h.javaRegistry(n);
      Path scripts = h.dir("flyway").resolve("n" + n);
      Harness.deleteTree(scripts);
      Sources.flywayScripts(scripts, 1, n);
      Path db = h.dir("db").resolve("fresh.db");
      Runnable fresh = () -> Harness.deleteDb(db);
      String url = Harness.url(db);
      Proc p = h.proc();
      Map<String, List<Sample>> samples =
          h.interleave(
              List.of(
                  new Harness.Contender(
                      STRATA_SQL,
                      fresh,
                      () ->
                          checked(
                              p.run(sql.classes(), StrataChild.class, "migrate", url, sql.names()),
                              db,
                              n)),
                  new Harness.Contender(
                      "Strata, Java form",
                      fresh,
                      () ->
                          checked(
                              p.run(
                                  java.classes(), StrataChild.class, "migrate", url, java.names()),
                              db,
                              n)),
                  new Harness.Contender(
                      FLYWAY_WAL,
                      fresh,
                      () ->
                          checked(
                              p.run(
                                  List.of(),
                                  FlywayChild.class,
                                  "migrate",
                                  url + WAL_PARAMS,
                                  scripts.toString()),
                              db,
                              n)),
                  new Harness.Contender(
                      FLYWAY_DEFAULT,
                      fresh,
                      () ->
                          checked(
                              p.run(
                                  List.of(), FlywayChild.class, "migrate", url, scripts.toString()),
                              db,
                              n)),
                  new Harness.Contender(
                      FLOOR,
                      fresh,
                      () ->
                          checked(
                              p.run(
                                  List.of(),
                                  JdbcChild.class,
                                  "apply",
                                  url,
                                  String.valueOf(n),
                                  "strata"),
                              db,
                              n)),
                  new Harness.Contender(
                      "JDBC (SQLite defaults)",
                      fresh,
                      () ->
                          checked(
                              p.run(
                                  List.of(),
                                  JdbcChild.class,
                                  "apply",
                                  url,
                                  String.valueOf(n),
                                  "default"),
                              db,
                              n))));
      report.note("**N = " + n + "**");
      report.processTable(samples, FLOOR);
      double strata = Report.wallRatio(samples, STRATA_SQL, FLOOR);
      report.target(
          "1. fresh apply, N = " + n,
          "Strata ≤ 1.10× floor",
          Report.ratio(strata)
              + " (Java form "
              + Report.ratio(Report.wallRatio(samples, "Strata, Java form", FLOOR))
              + "; Flyway "
              + Report.ratio(Report.wallRatio(samples, FLYWAY_WAL, FLOOR))
              + " equal PRAGMAs, "
              + Report.ratio(Report.wallRatio(samples, FLYWAY_DEFAULT, FLOOR))
              + " defaults)",
          strata <= 1.10);
    }
  }

  /** A run that left fewer than {@code n} tables did not do the work: fail it. */
  private static Sample checked(Sample s, Path db, int n) {
    if (s.exitCode() == 0 && Harness.workloadTables(db) != n) {
      return s.failed(99);
    }
    return s;
  }
}
