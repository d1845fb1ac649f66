package dev.strata.sample.inventory;

import dev.strata.testing.MigrationVerifier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** The whole inventory chain, verified on real SQLite files: one dynamic test per check. */
class InventoryMigrationVerifierTest {
  @TestFactory
  Stream<DynamicNode> migrations() {
    return MigrationVerifier.discover().tests();
  }
}
