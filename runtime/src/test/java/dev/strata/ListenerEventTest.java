package dev.strata;

import static dev.strata.TestMigrations.java;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A listener hears what each step is, as a value, never the registry's descriptor. */
class ListenerEventTest {
  @TempDir Path dir;

  @Test
  void eventsNameVersionDescriptionTypeAndTransactionality() {
    MigrationDescriptor create =
        sql(1, "create part", "CREATE TABLE part (id INTEGER PRIMARY KEY)");
    MigrationDescriptor vacuum = java(2, "vacuum", false, ctx -> ctx.execute("VACUUM"));
    List<MigrationEvent> started = new ArrayList<>();
    List<MigrationEvent> finished = new ArrayList<>();
    Strata.configure()
        .url(Db.url(dir.resolve("app.db")))
        .registry(registry(create, vacuum))
        .listener(
            new MigrationListener() {
              @Override
              public void started(MigrationEvent migration) {
                started.add(migration);
              }

              @Override
              public void finished(MigrationEvent migration, Duration elapsed) {
                finished.add(migration);
              }
            })
        .load()
        .migrate();

    List<MigrationEvent> expected =
        List.of(
            new MigrationEvent(1, "create part", MigrationType.SQL, true),
            new MigrationEvent(2, "vacuum", MigrationType.JAVA, false));
    assertEquals(expected, started);
    assertEquals(expected, finished);
  }

  @Test
  void theEngineIsTheRuntimesOwnFoundOnce() {
    assertEquals("dev.strata.internal.engine.SqliteEngine", Strata.engine().getClass().getName());
    assertEquals(Strata.engine(), Strata.engine());
  }
}
