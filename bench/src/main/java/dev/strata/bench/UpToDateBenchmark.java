package dev.strata.bench;

import dev.strata.MigrateResult;
import dev.strata.Strata;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code migrate()} on a database that is up to date, on a warm JVM. Run by {@link UpToDate} with
 * the database and the generated registries as parameters.
 */
@State(Scope.Benchmark)
public class UpToDateBenchmark {
  @Param("")
  public String url;

  @Param("")
  public String registries;

  private Strata strata;

  @Setup
  public void load() throws Exception {
    List<MigrationDescriptor> all = new ArrayList<>();
    for (String name : registries.split(",")) {
      MigrationRegistry part =
          (MigrationRegistry) Class.forName(name).getDeclaredConstructor().newInstance();
      all.addAll(part.migrations());
    }
    List<MigrationDescriptor> chained = List.copyOf(all);
    strata = Strata.configure().url(url).registry(() -> chained).load();
  }

  @Benchmark
  public MigrateResult migrate() {
    return strata.migrate();
  }
}
