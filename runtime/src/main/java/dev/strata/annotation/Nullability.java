package dev.strata.annotation;

/** Whether a column accepts NULL. */
public enum Nullability {
  /** Primitives are NOT NULL, references are nullable. */
  INFERRED,
  NULLABLE,
  NOT_NULL
}
