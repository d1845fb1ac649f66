package dev.strata.bench;

import org.flywaydb.core.Flyway;

/**
 * Flyway in a fresh JVM: {@code migrate URL DIR} applies the SQL files of a filesystem location.
 * The URL carries the PRAGMAs, if any ({@code ?journal_mode=WAL&synchronous=NORMAL}).
 */
public final class FlywayChild {
  private FlywayChild() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    Flyway.configure()
        .dataSource(args[1], "", "")
        .locations("filesystem:" + args[2])
        .load()
        .migrate();
    Child.report(System.nanoTime() - start);
  }
}
