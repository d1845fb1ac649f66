package dev.strata;

import java.util.List;

/**
 * The executable form of a SQL-form {@code @Migration}. The processor splits the annotation's SQL
 * into statements at compile time, so nothing is parsed at run time.
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
    for (String statement : up) {
      ctx.execute(statement);
    }
  }

  @Override
  public void down(MigrationContext ctx) throws Exception {
    if (down.isEmpty()) {
      JavaMigration.super.down(ctx);
    }
    for (String statement : down) {
      ctx.execute(statement);
    }
  }
}
