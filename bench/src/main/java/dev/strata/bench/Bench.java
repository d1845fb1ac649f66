package dev.strata.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The entry point of {@code bench/run.sh [--quick]}: runs every scenario, prints the Markdown and
 * writes it to {@code bench/RESULTS.md} ({@code bench/RESULTS-quick.md} with {@code --quick}).
 * Options: {@code --quick} (smaller N, 3 runs), {@code --only s1,s4} (some scenarios), {@code
 * --work DIR}, {@code --results FILE}.
 */
public final class Bench {
  /** Versions the report names; the pom pins the same. */
  static final String FLYWAY_VERSION = "13.12.1";

  static final String JMH_VERSION = "1.37";

  /**
   * The sizes of one run.
   *
   * @param quick whether this is the first-look mode
   * @param warmups unrecorded rounds before the measured ones
   * @param runs measured rounds
   * @param freshNs scenario 1's migration counts
   * @param upToDateNs scenario 2's
   * @param validateNs scenario 3's
   * @param driftN scenario 3's drift check: tables and entities
   * @param entities scenario 4's project: entities
   * @param migrations scenario 4's project: migrations
   * @param registryScale scenario 4's single-registry sizes
   * @param bigMigrations scenario 4's migrations of many statements
   * @param bigStatements statements in each of those
   * @param fixtureRows scenario 5's rows
   * @param backupMb scenario 6's database size
   * @param concurrentMigrations scenario 7's chain
   * @param processes scenario 7's process counts
   * @param trials scenario 7's trials per count and contender
   * @param longRunSeconds a run longer than this is measured once, not repeated
   */
  record Settings(
      boolean quick,
      int warmups,
      int runs,
      int[] freshNs,
      int[] upToDateNs,
      int[] validateNs,
      int driftN,
      int entities,
      int migrations,
      int[] registryScale,
      int bigMigrations,
      int bigStatements,
      int fixtureRows,
      int backupMb,
      int concurrentMigrations,
      int[] processes,
      int trials,
      int longRunSeconds) {
    static Settings full() {
      return new Settings(
          false,
          1,
          5,
          new int[] {100, 1_000, 5_000},
          new int[] {1_000},
          new int[] {1_000, 5_000, 10_000},
          1_000,
          500,
          1_000,
          new int[] {5_000, 10_000},
          8,
          4_500,
          100_000,
          1_024,
          50,
          new int[] {8, 16},
          10,
          45);
    }

    static Settings quickLook() {
      return new Settings(
          true,
          1,
          3,
          new int[] {100, 500},
          new int[] {1_000},
          new int[] {100, 1_000},
          200,
          50,
          100,
          new int[] {},
          8,
          4_500,
          100_000,
          128,
          20,
          new int[] {8, 16},
          3,
          45);
    }
  }

  private static final long START = System.nanoTime();

  private Bench() {}

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Set<String> only = Set.of();
    Path work = Path.of("bench/target/work");
    Path results = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--only" -> only = Set.of(args[++i].split(","));
        case "--work" -> work = Path.of(args[++i]);
        case "--results" -> results = Path.of(args[++i]);
        default -> {
          System.err.println(
              "usage: bench/run.sh [--quick] [--only s1,...,s7] [--work DIR] [--results FILE]");
          System.exit(2);
        }
      }
    }
    if (results == null) {
      // The quick look never overwrites the published full run.
      results = Path.of(quick ? "bench/RESULTS-quick.md" : "bench/RESULTS.md");
    }
    Settings settings = quick ? Settings.quickLook() : Settings.full();
    Harness harness =
        new Harness(settings, work.toAbsolutePath(), System.getProperty("java.class.path"));
    Report report = new Report();
    String header = header(settings, String.join(" ", args));
    List<Scenario> scenarios =
        List.of(
            new FreshApply(),
            new UpToDate(),
            new ValidateScale(),
            new ProcessorCost(),
            new FixturesPopulate(),
            new BackupRestore(),
            new ConcurrentStarts());
    for (int i = 0; i < scenarios.size(); i++) {
      String id = "s" + (i + 1);
      if (only.isEmpty() || only.contains(id)) {
        progress("scenario " + (i + 1) + ": " + scenarios.get(i).title());
        report.section((i + 1) + ". " + scenarios.get(i).title());
        scenarios.get(i).run(harness, report);
        // Written after every scenario, so that a long run cut short keeps what it measured.
        Files.writeString(results, report.render(header));
      }
    }
    report.note("Total run time: " + Report.num((System.nanoTime() - START) / 60e9, 1) + " min.");
    String markdown = report.render(header);
    System.out.println(markdown);
    Files.writeString(results, markdown);
  }

  /** One scenario of the issue. */
  interface Scenario {
    String title();

    void run(Harness harness, Report report) throws Exception;
  }

  static void progress(String line) {
    System.err.printf("[%5.0fs] %s%n", (System.nanoTime() - START) / 1e9, line);
  }

  private static String header(Settings s, String args) throws IOException {
    String cpu = "unknown CPU";
    Path cpuinfo = Path.of("/proc/cpuinfo");
    if (Files.exists(cpuinfo)) {
      cpu =
          Files.readAllLines(cpuinfo).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    }
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    List<String> lines = new ArrayList<>();
    lines.add("# Strata benchmark results" + (s.quick() ? " (quick mode)" : ""));
    lines.add("");
    lines.add(
        s.quick()
            ? "Quick mode: smaller N and "
                + s.runs()
                + " measured runs; a first look, not the"
                + " published figures."
            : "Full run.");
    lines.add("");
    lines.add("| | |");
    lines.add("|---|---|");
    lines.add("| date | " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " |");
    lines.add(
        "| machine | "
            + cpu
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + (memoryKb() / 1024 / 1024)
            + " GB RAM, "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + "; load average "
            + Report.num(load, 1)
            + " at start |");
    lines.add(
        "| versions | JDK "
            + System.getProperty("java.runtime.version")
            + ", Strata "
            + strataVersion()
            + ", Flyway "
            + FLYWAY_VERSION
            + ", sqlite-jdbc "
            + new org.sqlite.JDBC().getMajorVersion()
            + "."
            + new org.sqlite.JDBC().getMinorVersion()
            + " (SQLite "
            + sqliteVersion()
            + "), JMH "
            + JMH_VERSION
            + " |");
    lines.add("| command | `bench/run.sh" + (args.isEmpty() ? "" : " " + args) + "` |");
    lines.add(
        "| method | each contender in a fresh JVM, interleaved, "
            + s.warmups()
            + " warm-up + "
            + s.runs()
            + " measured runs; median (min–max); wall from the parent, CPU and peak RSS"
            + " from /usr/bin/time (getrusage) |");
    lines.add("");
    return String.join("\n", lines) + "\n";
  }

  private static long memoryKb() throws IOException {
    Path meminfo = Path.of("/proc/meminfo");
    if (!Files.exists(meminfo)) {
      return 0;
    }
    return Files.readAllLines(meminfo).stream()
        .filter(l -> l.startsWith("MemTotal"))
        .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
        .findFirst()
        .orElse(0);
  }

  private static String strataVersion() {
    String v = dev.strata.Strata.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT (reactor build)";
  }

  private static String sqliteVersion() {
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite::memory:");
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT sqlite_version()")) {
      return rs.next() ? rs.getString(1) : "?";
    } catch (java.sql.SQLException e) {
      return "?";
    }
  }

  static String ns(int[] values) {
    return Arrays.toString(values);
  }
}
