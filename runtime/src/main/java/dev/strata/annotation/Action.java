package dev.strata.annotation;

/** A foreign-key action for {@code ON DELETE} and {@code ON UPDATE}. */
public enum Action {
  NO_ACTION("NO ACTION"),
  RESTRICT("RESTRICT"),
  SET_NULL("SET NULL"),
  SET_DEFAULT("SET DEFAULT"),
  CASCADE("CASCADE");

  private final String sql;

  Action(String sql) {
    this.sql = sql;
  }

  /** The words SQLite uses, e.g. {@code SET NULL}. */
  public String sql() {
    return sql;
  }
}
