package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;
import dev.strata.sql.Dialect;
import java.util.Map;

/**
 * A view: {@code origin} is the class with its {@code @View}; {@code sql} is the SELECT, and {@code
 * dialectSql} each {@code @View.Sql}'s, by dialect (never SQLite).
 */
public record ViewModel(Origin origin, String name, String sql, Map<Dialect, String> dialectSql) {

  public ViewModel {
    dialectSql = Map.copyOf(dialectSql);
  }

  /** The SELECT for {@code dialect}: its own {@code @View.Sql}, else the plain one. */
  public String sql(Dialect dialect) {
    return dialectSql.getOrDefault(dialect, sql);
  }
}
