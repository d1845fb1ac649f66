package dev.strata.sample.inventory.model;

/** Where stock can physically be. */
public enum LocationKind {
  WAREHOUSE,
  SHELF,
  BIN
}
