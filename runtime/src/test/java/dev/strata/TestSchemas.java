package dev.strata;

import dev.strata.spi.SchemaDefinition;
import dev.strata.sql.Dialect;
import java.util.List;
import java.util.Set;

/** Schemas written in code, the way the generated {@code StrataSchema} hands them out. */
final class TestSchemas {
  private TestSchemas() {}

  /** A schema with DDL for both dialects, as {@code -Astrata.dialects=sqlite,postgresql} makes. */
  static SchemaDefinition of(List<String> sqlite, List<String> postgresql) {
    return new SchemaDefinition() {
      @Override
      public List<String> statements() {
        return sqlite;
      }

      @Override
      public Set<Dialect> dialects() {
        return Set.of(Dialect.SQLITE, Dialect.POSTGRESQL);
      }

      @Override
      public List<String> statements(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqlite : postgresql;
      }
    };
  }
}
