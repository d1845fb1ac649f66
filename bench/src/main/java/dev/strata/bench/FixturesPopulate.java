package dev.strata.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Scenario 5: generated {@code StrataFixtures.populate} against a hand-written JDBC batch. */
final class FixturesPopulate implements Bench.Scenario {
  static final String POPULATE = "StrataFixtures.populate";
  static final String BATCH = "hand-written JDBC batch";

  @Override
  public String title() {
    return "Fixtures";
  }

  @Override
  public void run(Harness h, Report report) {
    String pkg = "bench.fixtures";
    Path classes =
        h.compiled(
            "fixtures",
            src -> Sources.fixtureEntity(src, pkg),
            List.of("-Astrata.package=" + pkg, "-Astrata.services=false"));
    Path schemaSql = classes.resolve("META-INF/strata/schema.sql");
    int rows = h.settings().fixtureRows();
    Path db = h.dir("db").resolve("fixtures.db");
    Runnable fresh = () -> Harness.deleteDb(db);
    String url = Harness.url(db);
    Proc p = h.proc();
    Map<String, List<Sample>> samples =
        h.interleave(
            List.of(
                new Harness.Contender(
                    POPULATE,
                    fresh,
                    () ->
                        counted(
                            p.run(
                                List.of(classes),
                                StrataChild.class,
                                "populate",
                                url,
                                pkg + ".StrataFixtures",
                                schemaSql.toString(),
                                String.valueOf(rows)),
                            db,
                            rows)),
                new Harness.Contender(
                    BATCH,
                    fresh,
                    () ->
                        counted(
                            p.run(
                                List.of(),
                                JdbcChild.class,
                                "batch",
                                url,
                                schemaSql.toString(),
                                String.valueOf(rows)),
                            db,
                            rows))));
    report.note(
        rows
            + " rows of one entity (text, integer, real, date and boolean columns, generated"
            + " key) in one transaction, on a connection with Strata's PRAGMAs; in-process is the"
            + " insert alone.");
    report.processTable(samples, BATCH);
    double populate = rows / Stats.of(samples.get(POPULATE), Sample::inProcessMs).median();
    double batch = rows / Stats.of(samples.get(BATCH), Sample::inProcessMs).median();
    report.note(
        "Throughput: populate "
            + Report.num(populate, 0)
            + " rows/ms, batch "
            + Report.num(batch, 0)
            + " rows/ms.");
    report.target(
        "5. fixtures, " + rows + " rows",
        "≥ 0.8× raw JDBC throughput",
        Report.ratio(populate / batch),
        populate / batch >= 0.8);
  }

  private static Sample counted(Sample s, Path db, int rows) {
    if (s.exitCode() == 0 && Harness.queryLong(db, "SELECT count(*) FROM item") != rows) {
      return s.failed(99);
    }
    return s;
  }
}
