package dev.strata.sample.inventory;

/** Placeholder until the engine lands. */
public final class InventoryApp {
  public static void main(String[] args) {}
}
