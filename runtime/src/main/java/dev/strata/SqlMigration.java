package dev.strata;

import dev.strata.spi.StatementExecutor;
import java.util.List;

/**
 * The executable form of a SQL-form {@code @Migration}. The processor splits the annotation's SQL
 * into statements at compile time, so the engine runs each one as it is, without splitting again.
 */
public final class SqlMigration implements JavaMigration {
  private final List<String> up;
  private final List<String> down;

  public SqlMigration(List<String> up, List<String> down) {
    this.up = List.copyOf(up);
    this.down = List.copyOf(down);
  }

  /** How many statements {@code up} runs; messages of a partly applied step count them. */
  public int upCount() {
    return up.size();
  }

  /** The statements {@code up} runs, as the processor split them. */
  public List<String> upStatements() {
    return up;
  }

  /**
   * The statements {@code down} runs, as the processor split them; empty when the migration has no
   * down (it is then irreversible).
   */
  public List<String> downStatements() {
    return down;
  }

  @Override
  public void up(MigrationContext ctx) throws Exception {
    run(ctx, up, "up");
  }

  @Override
  public void down(MigrationContext ctx) throws Exception {
    if (down.isEmpty()) {
      JavaMigration.super.down(ctx);
    }
    run(ctx, down, "down");
  }

  private static void run(MigrationContext ctx, List<String> statements, String direction)
      throws Exception {
    for (int i = 0; i < statements.size(); i++) {
      if (ctx instanceof StatementExecutor engine) {
        // A script may repeat a statement; its number says which one failed.
        engine.executeStatement(statements.get(i), (i + 1) + " of " + direction);
      } else {
        ctx.execute(
            statements.get(
                i)); // another context, such as a test's, splits; one statement stays one
      }
    }
  }
}
