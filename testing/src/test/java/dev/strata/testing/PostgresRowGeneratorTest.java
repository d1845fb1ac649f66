package dev.strata.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.schema.SchemaModel;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verifier's generated rows on PostgreSQL: a value of every column type the processor maps to
 * (and a few more), bound as its Java type, so that every row goes in and every value is read back.
 */
class PostgresRowGeneratorTest {

  @Test
  void everyColumnTypeGetsAValueAndEveryRowGoesIn() throws Exception {
    try (ScratchDatabases databases = ScratchDatabases.open(Dialect.POSTGRESQL);
        Connection c = databases.connect(databases.create("rows"))) {
      try (Statement s = c.createStatement()) {
        s.execute(
            "CREATE TABLE kind (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                + " name varchar(5) NOT NULL CHECK (name IN ('raw', 'made')))");
        s.execute(
            "CREATE TABLE every_type (id integer PRIMARY KEY,"
                + " kind_id bigint NOT NULL REFERENCES kind (id), b bigint NOT NULL,"
                + " small smallint, flag boolean NOT NULL, label text, data bytea,"
                + " amount numeric(10,2), ref uuid UNIQUE, at timestamptz, local_at timestamp,"
                + " day date, clock time, zoned_clock timetz, ratio double precision, weight real,"
                + " state text NOT NULL CHECK (state IN ('NEW', 'DONE')), doc jsonb, tags text[],"
                + " code char(2))");
      }
      SchemaModel model = VerifierSnapshot.model(c);

      Map<String, Integer> inserted = RowGenerator.populate(c, model);

      assertEquals(Map.of("kind", 3, "every_type", 3), inserted);
      VerifierRows rows = VerifierRows.of(c, model);
      for (Map<String, String> row : rows.tables().get("every_type").rows().values()) {
        for (Map.Entry<String, String> value : row.entrySet()) {
          assertNotNull(value.getValue(), () -> value.getKey() + " of " + row);
        }
        assertTrue(Set.of("'NEW'", "'DONE'").contains(row.get("state")), row::toString);
      }
      for (Map<String, String> row : rows.tables().get("kind").rows().values()) {
        assertTrue(Set.of("'raw'", "'made'").contains(row.get("name")), row::toString);
      }
    }
  }
}
