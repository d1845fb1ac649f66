package dev.strata.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 4: what Strata's processor adds to {@code javac}, with and without fixtures; the size of
 * what it generates; and whether the registry compiles at thousands of migrations and of
 * statements.
 */
final class ProcessorCost implements Bench.Scenario {
  static final String NONE = "javac -proc:none";
  static final String NO_FIXTURES = "javac + Strata processor, -Astrata.fixtures=false";
  static final String FIXTURES = "javac + Strata processor, fixtures (default)";

  @Override
  public String title() {
    return "Processor cost";
  }

  @Override
  public void run(Harness h, Report report) {
    Bench.Settings s = h.settings();
    Path root = h.dir("s4");
    Harness.deleteTree(root);
    Path src = Harness.mkdirs(root.resolve("src"));
    // Migrations 1..E create the entities' tables, E+1..M add a note column to the first M-E of
    // them: the chain builds exactly the entities' schema, so the compile succeeds.
    int created = Math.min(s.entities(), s.migrations());
    int noted = Math.min(s.migrations() - created, created);
    Sources.sqlMigrations(src, "bench.project", 1, created);
    Sources.noteMigrations(src, "bench.project", created + 1, created + noted, created);
    Sources.entities(src, "bench.project", 1, s.entities(), noted);
    Path out = root.resolve("classes");
    Path gen = root.resolve("gen");
    Runnable clean =
        () -> {
          Harness.deleteTree(out);
          Harness.deleteTree(gen);
        };
    Map<String, List<Sample>> samples =
        h.interleave(
            List.of(
                new Harness.Contender(NONE, clean, () -> h.javac(src, out, gen, false, List.of())),
                new Harness.Contender(
                    NO_FIXTURES,
                    clean,
                    () -> h.javac(src, out, gen, true, List.of("-Astrata.fixtures=false"))),
                new Harness.Contender(
                    FIXTURES, clean, () -> h.javac(src, out, gen, true, List.of()))));
    report.note(
        "A generated project of "
            + s.entities()
            + " entities and "
            + s.migrations()
            + " SQL-form migrations (the first create the entities' tables, the rest add a"
            + " column to some of them), compiled by `javac` in a fresh process (so in-process is"
            + " n/a).");
    for (Map.Entry<String, List<Sample>> contender : samples.entrySet()) {
      if (contender.getValue().stream().anyMatch(sample -> sample.exitCode() != 0)) {
        throw new IllegalStateException(
            contender.getKey() + " failed on the scenario's project: " + h.proc().lastFailure());
      }
    }
    report.processTable(samples, NONE);
    long[] sources = Harness.size(gen);
    long[] resources = Harness.size(Harness.mkdirs(out.resolve("META-INF")));
    report.note(
        "Generated (fixtures on): "
            + sources[1]
            + " Java sources, "
            + Report.num(sources[0] / 1024.0, 0)
            + " KB; "
            + resources[1]
            + " resources under META-INF, "
            + Report.num(resources[0] / 1024.0, 0)
            + " KB.");
    double with = Report.wallRatio(samples, FIXTURES, NONE);
    double without = Report.wallRatio(samples, NO_FIXTURES, NONE);
    report.target(
        "4. processor cost, " + s.entities() + " entities + " + s.migrations() + " migrations",
        "≤ 1.25× javac alone",
        Report.ratio(with) + " with fixtures, " + Report.ratio(without) + " without",
        with <= 1.25);

    List<List<String>> rows = new ArrayList<>();
    boolean allCompile = true;
    for (int n : s.registryScale()) {
      allCompile &=
          compiles(
              h,
              rows,
              n + " migrations, one registry",
              "scale-" + n,
              dir -> Sources.sqlMigrations(dir, "bench.scale", 1, n));
    }
    allCompile &=
        compiles(
            h,
            rows,
            s.bigMigrations() + " migrations × " + s.bigStatements() + " statements",
            "big",
            dir -> Sources.bigMigrations(dir, "bench.big", s.bigMigrations(), s.bigStatements()));
    report.note("Does the registry compile? (one `javac` run each, with the processor)");
    report.table(List.of("project", "result", "wall s", "peak RSS MB"), rows);
    if (s.registryScale().length == 0) {
      report.unmeasured(
          "4. registry compiles at 5,000 and 10,000 migrations",
          "compiles",
          "not run in quick mode");
    }
    report.target(
        "4. registry compiles at scale",
        "every project above compiles",
        allCompile ? "all compile" : "see the table: javac fails",
        allCompile);
  }

  private boolean compiles(
      Harness h,
      List<List<String>> rows,
      String what,
      String key,
      java.util.function.Consumer<Path> sources) {
    Bench.progress("  compiling " + what);
    Path root = h.dir("s4-" + key);
    Harness.deleteTree(root);
    Path src = Harness.mkdirs(root.resolve("src"));
    sources.accept(src);
    Sample run = h.javac(src, root.resolve("classes"), root.resolve("gen"), true, List.of());
    String result = "compiles";
    if (run.exitCode() != 0) {
      result =
          h.proc()
              .lastFailure()
              .lines()
              .filter(l -> l.contains("error"))
              .findFirst()
              .map(l -> "fails: `" + l.trim().replaceAll(".*error: ", "") + "`")
              .orElse("fails (exit " + run.exitCode() + ")");
    }
    rows.add(
        List.of(
            what, result, Report.num(run.wallMs() / 1000, 1), Report.num(run.rssKb() / 1024.0, 0)));
    Harness.deleteTree(root);
    return run.exitCode() == 0;
  }
}
