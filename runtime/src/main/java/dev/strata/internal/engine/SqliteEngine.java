package dev.strata.internal.engine;

import dev.strata.spi.StrataEngine;

/** The runtime's {@link StrataEngine}, registered in its own {@code META-INF/services}. */
public final class SqliteEngine implements StrataEngine {
  @Override
  public Commands load(Configuration configuration) {
    return new EngineCommands(Settings.of(configuration));
  }
}
