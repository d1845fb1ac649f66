package dev.strata.bench;

/**
 * One measured process.
 *
 * @param wallMs from start to exit, as the parent saw it
 * @param cpuMs user plus system time of the whole process
 * @param rssKb peak resident set size
 * @param inProcessMs the time the child measured around the operation itself, or -1
 * @param partMs a part of that time the child reported apart (a backup's integrity check), or -1
 * @param exitCode the process's exit code
 */
public record Sample(
    double wallMs, double cpuMs, long rssKb, double inProcessMs, double partMs, int exitCode) {
  /** The same figures with another exit code: a run whose result failed a check. */
  Sample failed(int code) {
    return new Sample(wallMs, cpuMs, rssKb, inProcessMs, partMs, code);
  }
}
