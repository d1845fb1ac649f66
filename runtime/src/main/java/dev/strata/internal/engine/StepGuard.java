package dev.strata.internal.engine;

import dev.strata.MigrationException;

/**
 * What {@link StepConnection} and its statements ask before a call that could end the transaction
 * of a transactional step. Each check throws the refusal, a {@link MigrationException}, and the
 * step remembers it: a migration that catches and ignores it still fails, before its transaction
 * commits.
 */
interface StepGuard {
  /** Refuses {@code sql} (one statement or a script) if a statement of it would end the step. */
  void checkSql(String sql);

  /**
   * Refuses every statement once SQLite has ended the step's transaction by itself (it rolls back
   * on an interrupt, a full disk, {@code OR ROLLBACK} or {@code RAISE(ROLLBACK)}): what ran after
   * that would commit on its own, without the history row.
   */
  void checkTransaction();

  /** The refusal of {@code call}, such as {@code Connection.commit()}, to throw. */
  MigrationException refuseCall(String call);
}
