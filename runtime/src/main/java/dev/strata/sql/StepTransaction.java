package dev.strata.sql;

import dev.strata.sql.SqlTokens.Token;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which statements cannot run inside the transaction that holds a transactional migration step and
 * its history row. The processor rejects them at compile time and the engine at run time, by this
 * one rule.
 */
public final class StepTransaction {
  private static final String ATOMIC =
      " that holds the migration and its history row, so the step would no longer be atomic";

  private StepTransaction() {}

  /** Why {@code statement} cannot run inside the step's transaction, or empty when it can. */
  public static Optional<String> conflict(String statement) {
    // Most statements plainly begin with a word, which decides; only the rest, and the cases that
    // read on, are tokenized: the engine asks this of every statement a migration runs.
    String first = SqlTokens.plainFirstWord(statement);
    if (first == null) {
      List<Token> tokens = leading(statement);
      if (tokens.isEmpty() || tokens.get(0).kind() != SqlTokens.Kind.WORD) {
        return Optional.empty();
      }
      first = tokens.get(0).value();
    }
    return Optional.ofNullable(
        switch (first.toUpperCase(Locale.ROOT)) {
          case "BEGIN" -> "SQLite cannot begin a transaction inside the one" + ATOMIC;
          case "COMMIT", "END" -> "it would end the transaction" + ATOMIC;
          case "ROLLBACK" ->
              rollsBackToSavepoint(leading(statement))
                  ? null
                  : "it would end the transaction" + ATOMIC;
          case "VACUUM" -> "SQLite cannot VACUUM inside a transaction";
          case "PRAGMA" ->
              setsConnectionMode(leading(statement))
                  ? "inside a transaction SQLite ignores setting foreign_keys and cannot switch"
                      + " journal_mode to or from WAL"
                  : null;
          default -> null;
        });
  }

  /** PRAGMA schema . name = ...: the rule reads no further than the fifth token. */
  private static List<Token> leading(String statement) {
    return SqlTokens.leading(statement, 5);
  }

  /** {@code ROLLBACK [TRANSACTION] TO ...} keeps the transaction open. */
  private static boolean rollsBackToSavepoint(List<Token> tokens) {
    int next = tokens.size() > 1 && tokens.get(1).isKeyword("TRANSACTION") ? 2 : 1;
    return next < tokens.size() && tokens.get(next).isKeyword("TO");
  }

  /**
   * {@code PRAGMA [schema.]foreign_keys} or {@code journal_mode} with a value, {@code = v} or
   * {@code (v)}. Reading either is harmless.
   */
  private static boolean setsConnectionMode(List<Token> tokens) {
    int name = tokens.size() > 2 && tokens.get(2).is(".") ? 3 : 1;
    if (name + 1 >= tokens.size()) {
      return false;
    }
    String pragma = SqlIdentifiers.fold(tokens.get(name).value());
    Token next = tokens.get(name + 1);
    return (pragma.equals("foreign_keys") || pragma.equals("journal_mode"))
        && (next.is("=") || next.is("("));
  }
}
