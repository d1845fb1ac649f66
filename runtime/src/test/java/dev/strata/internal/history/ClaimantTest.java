package dev.strata.internal.history;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A claim is declared dead only when this process table provably lost its claimant. */
class ClaimantTest {
  private static final Claimant.Table HERE =
      new Claimant.Table("build-host", "boot-1", "4026531836");
  private static final ProcessHandle SELF = ProcessHandle.current();
  private static final String SELF_START =
      String.valueOf(SELF.info().startInstant().orElseThrow().toEpochMilli());

  private static long exitedPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }

  @Test
  void liveClaimantIsNotDead() {
    assertFalse(Claimant.isDead(Claimant.tag("tester", SELF.pid(), SELF_START, HERE), HERE));
    assertFalse(Claimant.isDead(Claimant.tag("tester")));
  }

  @Test
  void exitedClaimantOfThisProcessTableIsDead() throws Exception {
    assertTrue(Claimant.isDead(Claimant.tag("tester", exitedPid(), "1", HERE), HERE));
  }

  @Test
  void pidReusedByAnotherProcessIsDead() {
    assertTrue(Claimant.isDead(Claimant.tag("tester", SELF.pid(), "1", HERE), HERE));
  }

  @Test
  void anotherPidNamespaceOrBootOfTheSameHostNameCannotBeToldDead() throws Exception {
    long gone = exitedPid();
    // A container sharing the host name: the claimant's pid means nothing in our namespace.
    assertFalse(
        Claimant.isDead(
            Claimant.tag(
                "tester", gone, "1", new Claimant.Table("build-host", "boot-1", "4026532000")),
            HERE));
    assertFalse(
        Claimant.isDead(
            Claimant.tag(
                "tester", gone, "1", new Claimant.Table("build-host", "boot-2", "4026531836")),
            HERE));
    assertFalse(
        Claimant.isDead(
            Claimant.tag(
                "tester", gone, "1", new Claimant.Table("other-host", "boot-1", "4026531836")),
            HERE));
  }

  @Test
  void unknownOrLocalhostIdentityCannotBeToldDead() throws Exception {
    long gone = exitedPid();
    for (Claimant.Table table :
        new Claimant.Table[] {
          new Claimant.Table("localhost", "boot-1", "4026531836"),
          new Claimant.Table("?", "boot-1", "4026531836"),
          new Claimant.Table("build-host", "?", "4026531836"),
          new Claimant.Table("build-host", "boot-1", "?")
        }) {
      assertFalse(
          Claimant.isDead(Claimant.tag("tester", gone, "1", table), table), table.toString());
    }
  }

  @Test
  void unknownStartTimeOfALivePidCannotBeToldDead() {
    assertFalse(Claimant.isDead(Claimant.tag("tester", SELF.pid(), "?", HERE), HERE));
  }

  @Test
  void tagsOfOlderVersionsAreWaitedFor() throws Exception {
    assertFalse(Claimant.isDead("tester [pid " + exitedPid() + "@build-host]", HERE));
  }
}
