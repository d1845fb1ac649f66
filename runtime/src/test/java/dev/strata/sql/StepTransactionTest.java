package dev.strata.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepTransactionTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "BEGIN",
        "begin immediate transaction",
        "COMMIT",
        "END TRANSACTION",
        "ROLLBACK",
        "ROLLBACK TRANSACTION",
        "VACUUM",
        "PRAGMA foreign_keys = OFF",
        "PRAGMA main.journal_mode = DELETE",
        "PRAGMA \"foreign_keys\"(0)",
        "PRAGMA journal_mode=wal",
        "/* comments do not hide it */ COMMIT",
      })
  void refusesWhatWouldEndOrBypassTheStepTransaction(String statement) {
    assertTrue(StepTransaction.conflict(statement).isPresent(), statement);
  }

  @Test
  void saysWhetherTheStatementWouldBeginOrEndTheTransaction() {
    assertTrue(
        StepTransaction.conflict("BEGIN")
            .orElseThrow()
            .startsWith("SQLite cannot begin a transaction"));
    assertTrue(
        StepTransaction.conflict("COMMIT")
            .orElseThrow()
            .startsWith("it would end the transaction"));
    assertTrue(
        StepTransaction.conflict("ROLLBACK")
            .orElseThrow()
            .startsWith("it would end the transaction"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ROLLBACK TO before_copy",
        "rollback transaction to savepoint before_copy",
        "SAVEPOINT before_copy",
        "RELEASE before_copy",
        "PRAGMA foreign_key_check",
        "PRAGMA user_version = 3",
        "PRAGMA foreign_keys",
        "pragma main.journal_mode;",
        "-- COMMIT in a comment\nCREATE TABLE t (x)",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END",
        "INSERT INTO log VALUES ('COMMIT')",
        "",
      })
  void allowsWhatNestsInsideIt(String statement) {
    assertFalse(StepTransaction.conflict(statement).isPresent(), statement);
  }
}
