package dev.strata.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What every scenario shares: the run's settings, child processes, database files, the interleaved
 * measuring loop, and the generated registries, compiled by {@code javac} with the reactor's
 * processor and kept between runs while the processor stays the same.
 */
public final class Harness {
  /** Migrations per compiled registry part: one class holds at most a few thousand. */
  static final int PART = 1000;

  private final Bench.Settings settings;
  private final Path work;
  private final String classpath;
  private final Proc proc;

  Harness(Bench.Settings settings, Path work, String classpath) {
    this.settings = settings;
    this.work = work;
    this.classpath = classpath;
    this.proc = new Proc(mkdirs(work.resolve("tmp")), classpath);
  }

  Bench.Settings settings() {
    return settings;
  }

  Proc proc() {
    return proc;
  }

  /** A directory under the work directory, created if missing. */
  Path dir(String name) {
    return mkdirs(work.resolve(name));
  }

  /** A database path under the work directory, with its side files deleted. */
  Path freshDb(String name) {
    Path db = dir("db").resolve(name + ".db");
    deleteDb(db);
    return db;
  }

  static void deleteDb(Path db) {
    for (String suffix : List.of("", "-wal", "-shm", "-journal", "-strata-claim")) {
      try {
        Files.deleteIfExists(Path.of(db + suffix));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static String url(Path db) {
    return "jdbc:sqlite:" + db;
  }

  /** One contender: {@code prepare} runs before each of its runs, unmeasured. */
  record Contender(String name, Runnable prepare, Supplier<Sample> run) {
    Contender(String name, Supplier<Sample> run) {
      this(name, () -> {}, run);
    }
  }

  /**
   * Runs the contenders interleaved (A B C A B C ...): {@code warmups} rounds unrecorded, then
   * {@code runs} measured ones. A run longer than {@link Bench.Settings#longRunSeconds} is kept as
   * that contender's only measurement (even in a warm-up round) and not repeated, so that the full
   * run fits in its 30 minutes; {@link Report#processTable} says so. A failed run stops the
   * benchmark with the child's output.
   */
  Map<String, List<Sample>> interleave(List<Contender> contenders) {
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    contenders.forEach(c -> samples.put(c.name(), new ArrayList<>()));
    Set<String> measuredOnce = new HashSet<>();
    int rounds = settings.warmups() + settings.runs();
    for (int round = 0; round < rounds; round++) {
      for (Contender c : contenders) {
        if (measuredOnce.contains(c.name())) {
          continue;
        }
        c.prepare().run();
        Sample s = c.run().get();
        if (s.exitCode() != 0) {
          throw new IllegalStateException(
              c.name() + " failed with exit code " + s.exitCode() + ":\n" + proc.lastFailure());
        }
        boolean tooLong = s.wallMs() > settings.longRunSeconds() * 1000.0;
        if (tooLong && samples.get(c.name()).isEmpty()) {
          measuredOnce.add(c.name());
          Bench.progress(
              "  " + c.name() + ": " + Math.round(s.wallMs() / 1000) + " s, not repeated");
        }
        if (round >= settings.warmups() || measuredOnce.contains(c.name())) {
          samples.get(c.name()).add(s);
        }
      }
      Bench.progress("  round " + (round + 1) + "/" + rounds + " done");
    }
    return samples;
  }

  /** A compiled set of generated registries, chained in order, and where their classes are. */
  record Registries(List<Path> classes, String names) {}

  /** The registry of SQL-form migrations 1..n. */
  Registries sqlRegistry(int n) {
    return registry("sql", n, Sources::sqlMigrations);
  }

  /** The registry of Java-form migrations 1..n. */
  Registries javaRegistry(int n) {
    return registry("java", n, Sources::javaMigrations);
  }

  interface Generator {
    void write(Path root, String pkg, int from, int to);
  }

  private Registries registry(String form, int n, Generator generator) {
    List<int[]> parts = new ArrayList<>();
    if (n <= PART) {
      parts.add(new int[] {1, n});
    } else {
      for (int from = 1; from <= n; from += PART) {
        parts.add(new int[] {from, Math.min(n, from + PART - 1)});
      }
    }
    List<Path> classes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int[] part : parts) {
      String pkg = "bench." + form + ".v" + part[0] + "_" + part[1];
      classes.add(
          compiled(
              form + "-" + part[0] + "-" + part[1],
              src -> generator.write(src, pkg, part[0], part[1]),
              List.of("-Astrata.package=" + pkg, "-Astrata.services=false")));
      names.add(pkg + ".StrataMigrations");
    }
    return new Registries(classes, String.join(",", names));
  }

  /**
   * The class output of a generated project, compiled with the processor once and kept (under
   * {@code work/compiled/key}) while the processor's classes are unchanged.
   */
  Path compiled(String key, java.util.function.Consumer<Path> sources, List<String> options) {
    Path root = dir("compiled").resolve(key);
    Path classes = root.resolve("classes");
    Path stamp = root.resolve("stamp");
    String want = processorStamp();
    try {
      if (Files.exists(stamp) && Files.readString(stamp).equals(want)) {
        return classes;
      }
      deleteTree(root);
      Path src = mkdirs(root.resolve("src"));
      sources.accept(src);
      Bench.progress("  compiling " + key);
      Sample s = javac(src, classes, mkdirs(root.resolve("gen")), true, options);
      if (s.exitCode() != 0) {
        throw new IllegalStateException("compiling " + key + " failed:\n" + proc.lastFailure());
      }
      Files.writeString(stamp, want);
      return classes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles every source under {@code src} in a fresh {@code javac} process, measured. */
  Sample javac(Path src, Path out, Path gen, boolean processor, List<String> options) {
    try {
      mkdirs(out);
      mkdirs(gen);
      Path argfile = src.resolveSibling(src.getFileName() + ".args");
      try (Stream<Path> files = Files.walk(src)) {
        Files.write(
            argfile,
            files
                .filter(p -> p.toString().endsWith(".java"))
                .map(Path::toString)
                .sorted()
                .toList());
      }
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
      command.addAll(List.of("-d", out.toString(), "-s", gen.toString(), "-cp", classpath));
      command.addAll(processor ? List.of("-processorpath", classpath) : List.of("-proc:none"));
      command.addAll(options);
      command.add("@" + argfile);
      return proc.measure(command);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Identifies the processor build: its class files' sizes and times. */
  private String processorStamp() {
    long sum = 0;
    for (String entry : classpath.split(File.pathSeparator)) {
      if (entry.contains("processor")) {
        try (Stream<Path> files = Files.walk(Path.of(entry))) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            sum = sum * 31 + Files.size(f) + Files.getLastModifiedTime(f).toMillis();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return Long.toHexString(sum);
  }

  /** Runs one query in the harness's own JVM, for checks between runs; -1 on no row. */
  static long queryLong(Path db, String sql) {
    try (Connection c = DriverManager.getConnection(url(db));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : -1;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " on " + db + ": " + e.getMessage(), e);
    }
  }

  /** How many workload tables a database holds. */
  static long workloadTables(Path db) {
    return queryLong(
        db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name GLOB 't_[0-9]*'");
  }

  static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Total bytes and count of the files under {@code root}. */
  static long[] size(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      long[] total = new long[2];
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        total[0] += Files.size(p);
        total[1]++;
      }
      return total;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
