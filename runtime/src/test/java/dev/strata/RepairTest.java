package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.internal.history.Claimant;
import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Strata#repair(RepairOption...)} on real SQLite files (issue 12 item 2). */
class RepairTest {
  @TempDir Path dir;

  private static final MigrationDescriptor V1 =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");
  private static final MigrationDescriptor V1_EDITED =
      sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY) -- edited");
  private static final MigrationDescriptor V2_FAILING =
      java(
          2,
          "fill part",
          false,
          ctx -> {
            ctx.execute("INSERT INTO part (id) VALUES (1)");
            throw new IllegalStateException("boom");
          });
  private static final MigrationDescriptor V2_FIXED =
      java(2, "fill part", false, ctx -> ctx.execute("INSERT OR IGNORE INTO part (id) VALUES (1)"));

  private Path db() {
    return dir.resolve("app.db");
  }

  private Strata strata(MigrationDescriptor... migrations) {
    return Strata.configure()
        .url(Db.url(db()))
        .registry(registry(migrations))
        .installedBy("tester")
        .lockTimeout(Duration.ofSeconds(30))
        .load();
  }

  private List<String> history() {
    return Db.column(
        db(),
        "SELECT version || ':' || coalesce(state, '-') || ':' || checksum"
            + " FROM strata_history ORDER BY version");
  }

  /** A claim row of version {@code version}, as a claimant tagged {@code installedBy} leaves it. */
  private void claim(long version, String installedBy) {
    Db.exec(
        db(),
        "INSERT INTO strata_history (version, description, type, checksum, installed_on,"
            + " installed_by, execution_ms, success, state) VALUES ("
            + version
            + ", 'claimed', 'JAVA', 'sha256:c', '2020-01-01T00:00:00Z', '"
            + installedBy.replace("'", "''")
            + "', 0, 0, 'RUNNING')");
  }

  /** The tag of a process of this host that has exited. */
  private static String deadClaimant() throws Exception {
    Process process = new ProcessBuilder("java", "-version").start();
    process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    process.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
    process.waitFor();
    String self = Claimant.tag("ghost");
    String tag =
        self.replace("[pid " + ProcessHandle.current().pid() + "@", "[pid " + process.pid() + "@");
    assumeTrue(Claimant.isDead(tag), "this host's process table cannot tell dead claimants");
    return tag;
  }

  /**
   * Version 1 applied and since edited, version 2 recorded FAILED (non-transactional, failed
   * part-way), version 9 claimed by a process that died.
   */
  private void damagedHistory() throws Exception {
    strata(V1).migrate();
    assertThrows(MigrationException.class, () -> strata(V1, V2_FAILING).migrate());
    claim(9, deadClaimant());
    assertEquals(
        List.of(
            "1:APPLIED:" + V1.checksum(),
            "2:FAILED:" + V2_FAILING.checksum(),
            "9:RUNNING:sha256:c"),
        history());
  }

  private static void assertPlan(RepairResult result) {
    assertEquals(List.of(2L, 9L), result.removed().stream().map(MigrationInfo::version).toList());
    assertEquals(
        List.of(MigrationState.FAILED, MigrationState.FAILED),
        result.removed().stream().map(MigrationInfo::state).toList());
    assertEquals(
        List.of(
            new RepairResult.Realignment(1, "create part", V1.checksum(), V1_EDITED.checksum())),
        result.realigned());
    assertFalse(result.nothingToRepair());
  }

  @Test
  void withoutConfirmationItReportsThePlanAndChangesNothing() throws Exception {
    damagedHistory();
    List<String> history = history();
    String before = sha256();

    RepairResult report = strata(V1_EDITED, V2_FIXED).repair();

    assertFalse(report.confirmed());
    assertFalse(report.changed());
    assertPlan(report);
    assertEquals(before, sha256());
    assertEquals(history, history());
  }

  @Test
  void confirmedItRemovesFailedAndDeadRowsAndRealignsChecksums() throws Exception {
    damagedHistory();
    assertFalse(strata(V1_EDITED, V2_FIXED).validate().valid());

    RepairResult repaired = strata(V1_EDITED, V2_FIXED).repair(RepairOption.CONFIRM);

    assertTrue(repaired.confirmed());
    assertTrue(repaired.changed());
    assertPlan(repaired);
    assertEquals(List.of("1:APPLIED:" + V1_EDITED.checksum()), history());
    ValidateResult validate = strata(V1_EDITED, V2_FIXED).validate();
    assertTrue(validate.valid(), validate.render());

    // The failed step can now be run again, and a second repair finds nothing.
    assertEquals(2, strata(V1_EDITED, V2_FIXED).migrate().currentVersion());
    String before = sha256();
    RepairResult again = strata(V1_EDITED, V2_FIXED).repair(RepairOption.CONFIRM);
    assertTrue(again.nothingToRepair());
    assertFalse(again.changed());
    assertEquals(before, sha256());
  }

  @Test
  void aClaimWhoseClaimantMayStillRunIsKept() throws Exception {
    strata(V1).migrate();
    claim(2, Claimant.tag("alive")); // this very process

    RepairResult repaired = strata(V1).repair(RepairOption.CONFIRM);

    assertTrue(repaired.nothingToRepair(), repaired.toString());
    assertEquals(2, history().size());
  }

  @Test
  void aHealthyHistoryNeedsNothingAndIsNotWritten() throws Exception {
    strata(V1).migrate();
    String before = sha256();
    RepairResult repaired = strata(V1).repair(RepairOption.CONFIRM);
    assertTrue(repaired.confirmed());
    assertTrue(repaired.nothingToRepair());
    assertEquals(before, sha256());
  }

  @Test
  void whereNoDatabaseIsThereIsNothingToRepairAndNoneIsCreated() {
    assertTrue(strata(V1).repair(RepairOption.CONFIRM).nothingToRepair());
    assertTrue(strata(V1).repair().nothingToRepair());
    assertFalse(Files.exists(db()));
  }

  private String sha256() throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(db())));
  }
}
