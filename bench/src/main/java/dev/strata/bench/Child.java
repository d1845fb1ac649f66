package dev.strata.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every child JVM prints as it exits: the time of its operation, measured in-process, its CPU
 * time and its peak RSS as the kernel counted them ({@code VmHWM}).
 */
public final class Child {
  private static final String MARK = "BENCH-CHILD";

  private Child() {}

  /** Prints the report line; call last, after the operation and its clean-up. */
  public static void report(long inProcessNanos) {
    report(inProcessNanos, -1);
  }

  /** The report line with a part of the in-process time, such as a backup's integrity check. */
  public static void report(long inProcessNanos, long partNanos) {
    long cpuNanos =
        ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    System.out.println(
        MARK
            + " inproc_ns="
            + inProcessNanos
            + " part_ns="
            + partNanos
            + " cpu_ns="
            + cpuNanos
            + " hwm_kb="
            + peakRssKb()
            + " uptime_ms="
            + ManagementFactory.getRuntimeMXBean().getUptime());
  }

  private static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /** The figures a child reported, or -1 for each where it reported none. */
  public record Report(double inProcessMs, double partMs, double cpuMs, long rssKb) {
    static Report parse(String output) {
      for (String line : output.split("\n")) {
        if (line.startsWith(MARK)) {
          double inProcess = -1;
          double part = -1;
          double cpu = -1;
          long rss = -1;
          for (String field : line.substring(MARK.length()).trim().split(" ")) {
            String[] kv = field.split("=");
            switch (kv[0]) {
              case "inproc_ns" -> inProcess = Long.parseLong(kv[1]) / 1e6;
              case "part_ns" -> part = Long.parseLong(kv[1]) < 0 ? -1 : Long.parseLong(kv[1]) / 1e6;
              case "cpu_ns" -> cpu = Long.parseLong(kv[1]) / 1e6;
              case "hwm_kb" -> rss = Long.parseLong(kv[1]);
              default -> {}
            }
          }
          return new Report(inProcess, part, cpu, rss);
        }
      }
      return new Report(-1, -1, -1, -1);
    }
  }
}
