package dev.strata.internal.history;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds the claim of a non-transactional step: the installer and the claiming process, written
 * to {@code installed_by} until the step succeeds, as {@code tester [pid 123@host
 * start=1763770000000 boot=27c5... pidns=4026531836]}. A caller that shares the claimant's process
 * table can then see that the claimant died and fail at once, rather than wait out the lock
 * timeout. An age limit would not do: a legitimate {@code VACUUM} of a large file can take longer
 * than any limit we might pick.
 *
 * <p>A host name alone does not identify a process table: containers often share one, each with its
 * own pid namespace, where a live claimant's pid looks absent. So the tag also records the kernel's
 * boot id and the pid namespace (Linux), and the process start time, which tells a reused pid from
 * the claimant. A claim is dead only when all of them are known and match ours and the pid is gone
 * or now belongs to a younger process. Anything else, including tags written by older versions,
 * cannot be told dead and is waited for.
 */
public final class Claimant {
  private static final String UNKNOWN = "?";
  private static final Pattern TAG =
      Pattern.compile(
          ".* \\[pid (\\d{1,18})@(\\S+) start=(\\S+) boot=(\\S+) pidns=(\\S+)]", Pattern.DOTALL);
  private static final Pattern NAMESPACE = Pattern.compile("pid:\\[(\\d+)]");

  private Claimant() {}

  /** Where processes live: two claims can be compared only when every part is known and equal. */
  record Table(String host, String boot, String pidNamespace) {
    boolean knownSameAs(Table other) {
      return equals(other)
          && !host.equals(UNKNOWN)
          && !host.startsWith("localhost")
          && !boot.equals(UNKNOWN)
          && !pidNamespace.equals(UNKNOWN);
    }
  }

  /** {@code installedBy} tagged with this process. */
  public static String tag(String installedBy) {
    ProcessHandle self = ProcessHandle.current();
    return tag(installedBy, self.pid(), startOf(self), Local.TABLE);
  }

  static String tag(String installedBy, long pid, String start, Table table) {
    return installedBy
        + " [pid "
        + pid
        + "@"
        + table.host()
        + " start="
        + start
        + " boot="
        + table.boot()
        + " pidns="
        + table.pidNamespace()
        + "]";
  }

  /** Whether the claim names a process of this process table that no longer runs. */
  public static boolean isDead(String claimedBy) {
    return isDead(claimedBy, Local.TABLE);
  }

  static boolean isDead(String claimedBy, Table local) {
    Matcher m = TAG.matcher(claimedBy);
    if (!m.matches() || !new Table(m.group(2), m.group(4), m.group(5)).knownSameAs(local)) {
      return false;
    }
    String start = m.group(3);
    Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(m.group(1)));
    if (process.isEmpty() || !process.get().isAlive()) {
      return true;
    }
    // A live process with that pid is the claimant unless it provably started at another time.
    String now = startOf(process.get());
    return !start.equals(UNKNOWN) && !now.equals(UNKNOWN) && !start.equals(now);
  }

  /** Epoch milliseconds, the precision every JVM on the host derives alike from the kernel. */
  private static String startOf(ProcessHandle process) {
    return process
        .info()
        .startInstant()
        .map(Instant::toEpochMilli)
        .map(String::valueOf)
        .orElse(UNKNOWN);
  }

  /** Looked up once, and only when a claim needs it: resolving the host name can be slow. */
  private static final class Local {
    static final Table TABLE =
        new Table(
            host(),
            read("/proc/sys/kernel/random/boot_id")
                .map(String::strip)
                .filter(s -> s.matches("\\S+"))
                .orElse(UNKNOWN),
            link("/proc/self/ns/pid")
                .map(NAMESPACE::matcher)
                .filter(Matcher::matches)
                .map(n -> n.group(1))
                .orElse(UNKNOWN));

    private static String host() {
      try {
        String name = InetAddress.getLocalHost().getHostName();
        return name.matches("\\S+") ? name : UNKNOWN;
      } catch (UnknownHostException e) {
        return UNKNOWN;
      }
    }

    private static Optional<String> read(String file) {
      try {
        return Optional.of(Files.readString(Path.of(file)));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }

    private static Optional<String> link(String file) {
      try {
        return Optional.of(Files.readSymbolicLink(Path.of(file)).toString());
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }
}
