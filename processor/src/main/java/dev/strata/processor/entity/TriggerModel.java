package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;
import dev.strata.sql.Dialect;
import java.util.List;

/**
 * A trigger's text for one dialect: {@code origin} is its {@code @Trigger}; {@code sql} is the
 * whole CREATE TRIGGER on SQLite, and on PostgreSQL the script of its function and trigger.
 */
public record TriggerModel(Origin origin, String name, Dialect dialect, String sql) {

  /** The statements that create the trigger, in order. */
  public List<String> statements() {
    return dialect == Dialect.SQLITE ? List.of(sql) : dialect.split(sql);
  }
}
