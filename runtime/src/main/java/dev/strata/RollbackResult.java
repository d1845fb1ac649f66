package dev.strata;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Strata#rollbackTo(long, RollbackOption...)} did, or, for a dry run, would do.
 *
 * @param initialVersion the highest applied version before the rollback
 * @param targetVersion the version asked for
 * @param currentVersion the highest applied version afterwards (unchanged by a dry run)
 * @param dryRun whether this is only the plan ({@link RollbackOption#DRY_RUN})
 * @param steps the steps in the order they ran (or would run): highest version first
 * @param backup the automatic backup taken before the first step; empty when none was taken
 * @param backupNote why no backup was taken, when none was; empty when one was
 */
public record RollbackResult(
    long initialVersion,
    long targetVersion,
    long currentVersion,
    boolean dryRun,
    List<Step> steps,
    Optional<Path> backup,
    Optional<String> backupNote) {

  /** Said by a dry run, which changes nothing and so needs no backup. */
  public static final String BACKUP_DRY_RUN = "no backup taken: a dry run changes nothing";

  /** Said when there was nothing to roll back. */
  public static final String BACKUP_NOTHING_TO_DO = "no backup taken: nothing to roll back";

  /** Said on PostgreSQL, where Strata takes no backup: the server's own tools do that. */
  public static final String BACKUP_NOT_ON_POSTGRESQL =
      "no backup taken: Strata backs up SQLite databases only; on PostgreSQL, take one with"
          + " pg_dump before rolling back";

  /** Said when {@link RollbackOption#NO_BACKUP} was given. */
  public static final String BACKUP_SKIPPED = "no backup taken: NO_BACKUP was given";

  public RollbackResult {
    steps = List.copyOf(steps);
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(backupNote, "backupNote");
  }

  /**
   * One rolled-back (or planned) step.
   *
   * @param version the migration's version
   * @param description the migration's description
   * @param downSql the statements its {@code down} runs, for an SQL-form migration; empty for a
   *     Java migration, whose SQL is known only by running it
   */
  public record Step(long version, String description, Optional<List<String>> downSql) {
    public Step {
      Objects.requireNonNull(description, "description");
      downSql = downSql.map(List::copyOf);
    }
  }
}
