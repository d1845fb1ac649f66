package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Scenario 7: P processes migrate one fresh file at the same moment. Counts failed processes,
 * migrations applied twice (a history version recorded twice, or a table holding its row twice) and
 * trials that ended short of the head.
 */
final class ConcurrentStarts implements Bench.Scenario {
  @Override
  public String title() {
    return "Concurrent starts";
  }

  /** What one contender's trials at one process count came to. */
  private static final class Tally {
    int failedProcesses;
    int trialsWithFailures;
    int doubles;
    int incomplete;
    final List<Double> wallMs = new ArrayList<>();
    final Map<String, Integer> causes = new TreeMap<>();
  }

  @Override
  public void run(Harness h, Report report) {
    Bench.Settings s = h.settings();
    int n = s.concurrentMigrations();
    Harness.Registries registry = h.sqlRegistry(n);
    Path scripts = h.dir("flyway").resolve("n" + n);
    Harness.deleteTree(scripts);
    Sources.flywayScripts(scripts, 1, n);
    Path db = h.dir("db").resolve("concurrent.db");
    String url = Harness.url(db);
    Path logs = h.dir("tmp");
    List<List<String>> rows = new ArrayList<>();
    boolean strataClean = true;
    for (int processes : s.processes()) {
      Tally strata = new Tally();
      Tally flyway = new Tally();
      for (int trial = 0; trial < s.trials(); trial++) {
        for (boolean isStrata : new boolean[] {true, false}) {
          Harness.deleteDb(db);
          long start = System.nanoTime();
          List<Process> started = new ArrayList<>();
          for (int i = 0; i < processes; i++) {
            Path log = logs.resolve("concurrent-" + i + ".log");
            started.add(
                isStrata
                    ? h.proc()
                        .start(
                            registry.classes(),
                            StrataChild.class,
                            log,
                            "migrate",
                            url,
                            registry.names())
                    : h.proc()
                        .start(
                            List.of(),
                            FlywayChild.class,
                            log,
                            "migrate",
                            url + FreshApply.WAL_PARAMS,
                            scripts.toString()));
          }
          Tally t = isStrata ? strata : flyway;
          int failed = 0;
          for (int i = 0; i < started.size(); i++) {
            if (Proc.await(started.get(i)) != 0) {
              failed++;
              t.causes.merge(cause(logs.resolve("concurrent-" + i + ".log")), 1, Integer::sum);
            }
          }
          t.wallMs.add((System.nanoTime() - start) / 1e6);
          t.failedProcesses += failed;
          t.trialsWithFailures += failed > 0 ? 1 : 0;
          t.doubles += doubles(db, n, isStrata ? "strata_history" : "flyway_schema_history");
          t.incomplete += Harness.workloadTables(db) == n ? 0 : 1;
        }
        Bench.progress("  " + processes + " processes: trial " + (trial + 1) + " done");
      }
      rows.add(row("Strata", processes, s.trials(), strata));
      rows.add(row("Flyway (WAL, NORMAL)", processes, s.trials(), flyway));
      strataClean &= strata.failedProcesses == 0 && strata.doubles == 0 && strata.incomplete == 0;
    }
    report.note(
        "P JVMs started at once, each migrating the same new file to "
            + n
            + " migrations; "
            + s.trials()
            + " trials per contender and P, interleaved.");
    report.table(
        List.of(
            "contender",
            "processes",
            "trials",
            "failed processes",
            "trials with a failure",
            "double applications",
            "trials short of the head",
            "wall ms per trial",
            "why processes failed"),
        rows);
    report.target(
        "7. concurrent starts",
        "no failed process, no double application",
        strataClean ? "Strata: none" : "Strata: see the table",
        strataClean);
  }

  private static List<String> row(String name, int processes, int trials, Tally t) {
    double[] walls = t.wallMs.stream().mapToDouble(Double::doubleValue).toArray();
    return List.of(
        name,
        String.valueOf(processes),
        String.valueOf(trials),
        String.valueOf(t.failedProcesses),
        String.valueOf(t.trialsWithFailures),
        String.valueOf(t.doubles),
        String.valueOf(t.incomplete),
        Report.num(Stats.median(walls), 0),
        t.causes.isEmpty()
            ? ""
            : t.causes.entrySet().stream()
                .map(e -> e.getValue() + "× " + e.getKey())
                .collect(Collectors.joining("; ")));
  }

  private static final Pattern SQLITE_CODE = Pattern.compile("Error Code : (\\d+)");
  private static final Pattern SQLITE_NAME = Pattern.compile("\\[(SQLITE_[A-Z_]+)\\]");

  /** The SQLite error a failed child's output names, or its first exception line. */
  private static String cause(Path log) {
    try {
      String out = Files.readString(log);
      Matcher name = SQLITE_NAME.matcher(out);
      if (name.find()) {
        return name.group(1);
      }
      Matcher code = SQLITE_CODE.matcher(out);
      if (code.find()) {
        return "SQLite error code " + code.group(1) + (code.group(1).equals("5") ? " (BUSY)" : "");
      }
      return out.lines().filter(l -> l.contains("Exception")).findFirst().orElse("no output");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Versions recorded more than once, plus workload rows inserted more than once. */
  private static int doubles(Path db, int n, String history) {
    long exists =
        Harness.queryLong(db, "SELECT count(*) FROM sqlite_master WHERE name = '" + history + "'");
    long twice =
        exists == 0
            ? 0
            : Harness.queryLong(
                db,
                "SELECT count(*) FROM (SELECT version FROM "
                    + history
                    + " WHERE version IS NOT NULL GROUP BY version HAVING count(*) > 1)");
    long extra = 0;
    for (int v = 1; v <= n; v++) {
      String t = Workload.table(v);
      if (Harness.queryLong(db, "SELECT count(*) FROM sqlite_master WHERE name = '" + t + "'")
          > 0) {
        extra += Math.max(0, Harness.queryLong(db, "SELECT count(*) FROM " + t) - 1);
      }
    }
    return (int) (twice + extra);
  }
}
