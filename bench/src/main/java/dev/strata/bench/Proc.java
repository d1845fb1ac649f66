package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one child process and measures it whole: wall time from the parent, CPU time and peak RSS
 * from {@code /usr/bin/time} (getrusage of the child), or, where that tool is missing, from what a
 * {@link Child} reports about itself at exit ({@code /proc/self/status} VmHWM and its process's CPU
 * time).
 */
public final class Proc {
  private static final Path TIME = Path.of("/usr/bin/time");
  private static final String MARK = "BENCH-RUSAGE";

  private final Path work;
  private final String classpath;

  public Proc(Path work, String classpath) {
    this.work = work;
    this.classpath = classpath;
  }

  /** The command line of a fresh JVM running {@code main} with extra class path entries. */
  public List<String> java(
      List<String> jvmOptions, List<Path> extraClasspath, Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    StringBuilder cp = new StringBuilder();
    for (Path p : extraClasspath) {
      cp.append(p).append(java.io.File.pathSeparatorChar);
    }
    command.add("-cp");
    command.add(cp + classpath);
    command.add(main.getName());
    command.addAll(args);
    return command;
  }

  /** Runs a JVM child to completion and measures it. */
  public Sample run(List<Path> extraClasspath, Class<?> main, String... args) {
    return measure(java(List.of(), extraClasspath, main, List.of(args)));
  }

  /** Runs any command to completion and measures it; its output goes to a log in the work dir. */
  public Sample measure(List<String> command) {
    try {
      Path rusage = Files.createTempFile(work, "rusage", ".txt");
      Path log = Files.createTempFile(work, "child", ".log");
      List<String> full = new ArrayList<>();
      boolean timed = Files.isExecutable(TIME);
      if (timed) {
        full.addAll(List.of(TIME.toString(), "-o", rusage.toString(), "-f", MARK + " %U %S %M"));
      }
      full.addAll(command);
      long start = System.nanoTime();
      Process p =
          new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      int exit = p.waitFor();
      double wall = (System.nanoTime() - start) / 1e6;
      String out = Files.readString(log);
      Child.Report report = Child.Report.parse(out);
      double cpu = report.cpuMs();
      long rss = report.rssKb();
      if (timed) {
        for (String line : Files.readAllLines(rusage)) {
          if (line.startsWith(MARK)) {
            String[] f = line.trim().split("\\s+");
            cpu = (Double.parseDouble(f[1]) + Double.parseDouble(f[2])) * 1000;
            rss = Long.parseLong(f[3]);
          }
        }
      }
      if (exit != 0) {
        lastFailure = out.length() > 2000 ? out.substring(out.length() - 2000) : out;
      }
      Files.deleteIfExists(rusage);
      Files.deleteIfExists(log);
      return new Sample(wall, cpu, rss, report.inProcessMs(), report.partMs(), exit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private String lastFailure = "";

  /** The tail of the output of the last child that failed, for the error message. */
  public String lastFailure() {
    return lastFailure;
  }

  /** Starts a JVM child without waiting; its output goes to {@code log}. */
  public Process start(List<Path> extraClasspath, Class<?> main, Path log, String... args) {
    try {
      return new ProcessBuilder(java(List.of(), extraClasspath, main, List.of(args)))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a started child, at most ten minutes. */
  public static int await(Process p) {
    try {
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
