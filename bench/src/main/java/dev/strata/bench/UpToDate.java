package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 2: every migration applied, so {@code migrate()} finds nothing to do: what each
 * application start pays. Whole process against a floor of JVM, driver and one history query; the
 * in-process time of the check, cold (the first call in a fresh JVM, as at a start) and warm (JMH).
 */
final class UpToDate implements Bench.Scenario {
  static final String FLOOR = "floor: JVM + driver + one history query";

  @Override
  public String title() {
    return "Up-to-date start";
  }

  @Override
  public void run(Harness h, Report report) throws IOException {
    report.note(
        "The database holds every migration already. The floor opens a JDBC connection with"
            + " Strata's PRAGMAs and reads `max(version)` from the history. Strata's in-process"
            + " figure covers loading the generated registry, `configure()...load()` and"
            + " `migrate()`, in a fresh JVM; the JMH figure is `migrate()` alone on a warm JVM.");
    Proc p = h.proc();
    for (int n : h.settings().upToDateNs()) {
      Bench.progress(" N = " + n);
      Harness.Registries sql = h.sqlRegistry(n);
      Harness.Registries java = h.javaRegistry(n);
      Path scripts = h.dir("flyway").resolve("n" + n);
      Harness.deleteTree(scripts);
      Sources.flywayScripts(scripts, 1, n);
      Path sqlDb = h.freshDb("uptodate-sql-" + n);
      Path javaDb = h.freshDb("uptodate-java-" + n);
      Path walDb = h.freshDb("uptodate-flyway-wal-" + n);
      Path defDb = h.freshDb("uptodate-flyway-default-" + n);
      String wal = Harness.url(walDb) + FreshApply.WAL_PARAMS;
      List<Sample> setup = new ArrayList<>();
      setup.add(
          p.run(sql.classes(), StrataChild.class, "migrate", Harness.url(sqlDb), sql.names()));
      setup.add(
          p.run(java.classes(), StrataChild.class, "migrate", Harness.url(javaDb), java.names()));
      setup.add(p.run(List.of(), FlywayChild.class, "migrate", wal, scripts.toString()));
      setup.add(
          p.run(List.of(), FlywayChild.class, "migrate", Harness.url(defDb), scripts.toString()));
      if (setup.stream().anyMatch(s -> s.exitCode() != 0)) {
        throw new IllegalStateException("applying N = " + n + " failed:\n" + p.lastFailure());
      }
      Map<String, List<Sample>> samples =
          h.interleave(
              List.of(
                  new Harness.Contender(
                      FreshApply.STRATA_SQL,
                      () ->
                          p.run(
                              sql.classes(),
                              StrataChild.class,
                              "migrate",
                              Harness.url(sqlDb),
                              sql.names())),
                  new Harness.Contender(
                      "Strata, Java form",
                      () ->
                          p.run(
                              java.classes(),
                              StrataChild.class,
                              "migrate",
                              Harness.url(javaDb),
                              java.names())),
                  new Harness.Contender(
                      FreshApply.FLYWAY_WAL,
                      () ->
                          p.run(List.of(), FlywayChild.class, "migrate", wal, scripts.toString())),
                  new Harness.Contender(
                      FreshApply.FLYWAY_DEFAULT,
                      () ->
                          p.run(
                              List.of(),
                              FlywayChild.class,
                              "migrate",
                              Harness.url(defDb),
                              scripts.toString())),
                  new Harness.Contender(
                      FLOOR,
                      () -> p.run(List.of(), JdbcChild.class, "query", Harness.url(sqlDb)))));
      report.note("**N = " + n + "**");
      report.processTable(samples, FLOOR);
      double whole = Report.wallRatio(samples, FreshApply.STRATA_SQL, FLOOR);
      report.target(
          "2. up-to-date start, whole process, N = " + n,
          "≤ 1.15× floor",
          Report.ratio(whole)
              + " (Flyway "
              + Report.ratio(Report.wallRatio(samples, FreshApply.FLYWAY_WAL, FLOOR))
              + ")",
          whole <= 1.15);
      double cold = Stats.of(samples.get(FreshApply.STRATA_SQL), Sample::inProcessMs).median();
      double warm = jmh(h, sql, sqlDb, report);
      report.target(
          "2. up-to-date `migrate()` in-process, N = " + n,
          "≤ 20 ms",
          Report.num(cold, 1)
              + " ms cold (first call in a fresh JVM, registry loading included); "
              + Report.num(warm, 2)
              + " ms warm (JMH)",
          cold <= 20);
    }
  }

  /** The JMH average time of {@code migrate()} on a loaded Strata, in ms. */
  private static double jmh(Harness h, Harness.Registries registries, Path db, Report report)
      throws IOException {
    Bench.Settings s = h.settings();
    Path csv = h.dir("tmp").resolve("jmh-uptodate.csv");
    Files.deleteIfExists(csv);
    List<String> args =
        List.of(
            UpToDateBenchmark.class.getName() + ".migrate",
            "-p",
            "url=" + Harness.url(db),
            "-p",
            "registries=" + registries.names(),
            "-f",
            "1",
            "-wi",
            s.quick() ? "2" : "3",
            "-w",
            "1s",
            "-i",
            s.quick() ? "3" : "5",
            "-r",
            "1s",
            "-bm",
            "avgt",
            "-tu",
            "ms",
            "-rf",
            "csv",
            "-rff",
            csv.toString());
    Sample run =
        h.proc()
            .measure(
                h.proc().java(List.of(), registries.classes(), org.openjdk.jmh.Main.class, args));
    if (run.exitCode() != 0 || !Files.exists(csv)) {
      throw new IllegalStateException("JMH failed:\n" + h.proc().lastFailure());
    }
    try {
      List<String> lines = Files.readAllLines(csv);
      String[] cells = lines.get(1).split(",");
      double score = Double.parseDouble(unquote(cells[4]));
      double error = Double.parseDouble(unquote(cells[5]));
      report.note(
          "JMH (`UpToDateBenchmark.migrate`, avgt, 1 fork): "
              + Report.num(score, 3)
              + " ± "
              + Report.num(error, 3)
              + " ms per `migrate()` on an up-to-date database (99.9% interval).");
      return score;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unquote(String cell) {
    return cell.replace("\"", "");
  }
}
