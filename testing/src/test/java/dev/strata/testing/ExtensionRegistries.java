package dev.strata.testing;

import dev.strata.MigrationType;
import dev.strata.SqlMigration;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Registries built in code, as the generated {@code StrataMigrations} would build them. */
public final class ExtensionRegistries {
  private ExtensionRegistries() {}

  /** A reversible SQL migration whose statements are already split. */
  static MigrationDescriptor sql(long version, String description, String... up) {
    List<String> statements = List.of(up);
    return new MigrationDescriptor(
        version,
        description,
        MigrationType.SQL,
        checksum(String.join(";\n", statements)),
        false,
        true,
        true,
        false,
        "test.V" + version,
        () -> new SqlMigration(statements, List.of()));
  }

  static String checksum(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** Three small steps: customers, orders referencing them, an index. */
  public static final class Shop implements MigrationRegistry {
    @Override
    public List<MigrationDescriptor> migrations() {
      return List.of(
          sql(
              1,
              "create customer",
              "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
          sql(
              2,
              "create orders",
              "CREATE TABLE orders (id INTEGER PRIMARY KEY,"
                  + " customer_id INTEGER NOT NULL REFERENCES customer(id), total INTEGER)"),
          sql(3, "index orders", "CREATE INDEX orders_customer ON orders(customer_id)"));
    }
  }

  /** Shaped like the sample's inventory chain: eight steps, seed data, a view, triggers. */
  public static final class SampleLike implements MigrationRegistry {
    @Override
    public List<MigrationDescriptor> migrations() {
      return List.of(
          sql(
              1,
              "create catalog",
              "CREATE TABLE category (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)",
              "CREATE TABLE location (code TEXT PRIMARY KEY, kind TEXT NOT NULL"
                  + " CHECK (kind IN ('WAREHOUSE','STORE')))"),
          sql(
              2,
              "create parts",
              "CREATE TABLE part (id INTEGER PRIMARY KEY AUTOINCREMENT, sku TEXT NOT NULL UNIQUE,"
                  + " name TEXT NOT NULL, category_id INTEGER NOT NULL REFERENCES category(id),"
                  + " reorder_level INTEGER NOT NULL DEFAULT 0)",
              "CREATE INDEX part_category ON part(category_id)"),
          sql(
              3,
              "create stock",
              "CREATE TABLE stock (part_id INTEGER NOT NULL REFERENCES part(id),"
                  + " location_code TEXT NOT NULL REFERENCES location(code),"
                  + " quantity INTEGER NOT NULL CHECK (quantity >= 0),"
                  + " PRIMARY KEY (part_id, location_code)) WITHOUT ROWID"),
          sql(
              4,
              "seed reference data",
              "INSERT INTO category (name) VALUES ('Uncategorized')",
              "INSERT INTO location (code, kind) VALUES ('MAIN', 'WAREHOUSE')"),
          sql(
              5,
              "create allocations",
              "CREATE TABLE allocation (id INTEGER PRIMARY KEY, part_id INTEGER NOT NULL,"
                  + " location_code TEXT NOT NULL, quantity INTEGER NOT NULL,"
                  + " FOREIGN KEY (part_id, location_code)"
                  + " REFERENCES stock(part_id, location_code))",
              "CREATE INDEX allocation_stock ON allocation(part_id, location_code)",
              "CREATE TRIGGER allocation_within_stock BEFORE INSERT ON allocation BEGIN"
                  + " SELECT RAISE(ABORT, 'allocation exceeds free stock') WHERE NEW.quantity >"
                  + " (SELECT quantity FROM stock WHERE part_id = NEW.part_id"
                  + " AND location_code = NEW.location_code); END"),
          sql(6, "add part search name", "ALTER TABLE part ADD COLUMN search_name TEXT"),
          sql(
              7,
              "backfill part search name",
              "UPDATE part SET search_name = lower(name) WHERE search_name IS NULL",
              "CREATE INDEX part_search ON part(search_name)"),
          sql(
              8,
              "create stock summary view",
              "CREATE VIEW stock_summary AS SELECT p.sku, s.location_code, s.quantity"
                  + " FROM stock s JOIN part p ON p.id = s.part_id",
              "CREATE TRIGGER stock_not_negative BEFORE UPDATE ON stock"
                  + " WHEN NEW.quantity < 0 BEGIN SELECT RAISE(ABORT, 'negative stock'); END"));
    }
  }

  /**
   * Runs the fixture classes nested in the tests only under the {@code EngineTestKit} (which sets
   * {@value #KEY}), never on their own in the build.
   */
  static final class OnlyInTestKit implements ExecutionCondition {
    static final String KEY = "strata.extension.testkit";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context.getConfigurationParameter(KEY).isPresent()
          ? ConditionEvaluationResult.enabled("under the test kit")
          : ConditionEvaluationResult.disabled("a fixture for the test kit");
    }
  }

  /** What fixture classes record for their test to check afterwards, keyed by a test's name. */
  static final Map<String, ConcurrentLinkedQueue<Object>> SEEN = new ConcurrentHashMap<>();

  static void record(String key, Object value) {
    SEEN.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(value);
  }

  static List<Object> seen(String key) {
    return List.copyOf(SEEN.getOrDefault(key, new ConcurrentLinkedQueue<>()));
  }
}
