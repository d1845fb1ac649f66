package dev.strata;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds the claim of a non-transactional step: the installer and the claiming process, written
 * to {@code installed_by} as {@code tester [pid 123@host]} until the step succeeds. A caller on the
 * same host can then see that the claimant died and fail at once, rather than wait out the lock
 * timeout. An age limit would not do: a legitimate {@code VACUUM} of a large file can take longer
 * than any limit we might pick. A claimant on another host cannot be checked, so its claim is waited
 * for as before.
 */
final class Claimant {
  private static final String UNKNOWN_HOST = "unknown-host";
  private static final Pattern TAG = Pattern.compile(".* \\[pid (\\d{1,18})@(.+)]", Pattern.DOTALL);

  private Claimant() {}

  /** {@code installedBy} tagged with this process. */
  static String tag(String installedBy) {
    return installedBy + " [pid " + ProcessHandle.current().pid() + "@" + Host.NAME + "]";
  }

  /**
   * Whether the claim names a process of this host that no longer runs. A running process with that
   * pid may be another one that reused it; then the caller waits, which is the safe side.
   */
  static boolean isDead(String claimedBy) {
    Matcher m = TAG.matcher(claimedBy);
    // Two hosts that both failed to learn their name must not be taken for one.
    return m.matches() && m.group(2).equals(Host.NAME) && !Host.NAME.equals(UNKNOWN_HOST)
        && ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
  }

  /** Looked up once, and only when a claim needs it: resolving the host name can be slow. */
  private static final class Host {
    static final String NAME = lookup();

    private static String lookup() {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return UNKNOWN_HOST;
      }
    }
  }
}
