package dev.strata.sample.inventory;

import dev.strata.sql.Dialect;
import dev.strata.testing.MigrationVerifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole inventory chain, verified on real SQLite files and on the embedded PostgreSQL server,
 * with each dialect's own texts: one dynamic test per check.
 */
class InventoryMigrationVerifierTest {
  @TestFactory
  Stream<DynamicNode> migrations() {
    return MigrationVerifier.discover().tests();
  }

  @TestFactory
  Stream<DynamicNode> migrationsOnPostgresql() {
    return MigrationVerifier.discover().on(Dialect.POSTGRESQL).tests();
  }
}
