package dev.strata;

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

  @Override
  public void up(MigrationContext ctx) throws Exception {
    run(ctx, up);
  }

  @Override
  public void down(MigrationContext ctx) throws Exception {
    if (down.isEmpty()) {
      JavaMigration.super.down(ctx);
    }
    run(ctx, down);
  }

  private static void run(MigrationContext ctx, List<String> statements) throws Exception {
    for (String statement : statements) {
      if (ctx instanceof StepContext step) {
        step.executeStatement(statement);
      } else {
        ctx.execute(statement); // another context, such as a test's, splits; one statement stays one
      }
    }
  }
}
