package dev.strata.bench;

import dev.strata.Strata;
import dev.strata.StrataBuilder;
import dev.strata.ValidateResult;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.SchemaDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Strata in a fresh JVM. {@code migrate URL REGISTRIES}, {@code validate URL REGISTRIES [SCHEMA]},
 * or {@code populate URL FIXTURES SCHEMA_SQL ROWS}. REGISTRIES is a comma-separated list of
 * generated {@code StrataMigrations} classes, chained in order when there are several (registries
 * past the processor's single-class limit are compiled in parts). The in-process time covers
 * loading the generated classes, configuring and the call itself: what an application pays.
 */
public final class StrataChild {
  private StrataChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    String url = args[1];
    long start = System.nanoTime();
    switch (mode) {
      case "migrate" -> builder(url, args[2]).load().migrate();
      case "validate" -> {
        StrataBuilder builder = builder(url, args[2]);
        if (args.length > 3) {
          builder.schema((SchemaDefinition) instance(args[3]));
        }
        ValidateResult result = builder.load().validate();
        if (!result.valid() || result.pending() > 0) {
          System.out.println(result.render());
          System.exit(3);
        }
      }
      case "populate" -> {
        try (Connection c = DriverManager.getConnection(url)) {
          Pragmas.strata(c);
          createSchema(c, Path.of(args[3]));
          int rows = Integer.parseInt(args[4]);
          start = System.nanoTime();
          Class.forName(args[2])
              .getMethod("populate", Connection.class, int.class)
              .invoke(null, c, rows);
        }
      }
      default -> throw new IllegalArgumentException("unknown mode " + mode);
    }
    Child.report(System.nanoTime() - start);
  }

  static void createSchema(Connection c, Path schemaSql) throws Exception {
    try (Statement s = c.createStatement()) {
      for (String ddl : Files.readString(schemaSql).split(";\\s*\n")) {
        if (!ddl.isBlank()) {
          s.execute(ddl);
        }
      }
    }
  }

  private static StrataBuilder builder(String url, String registries) throws Exception {
    List<MigrationRegistry> parts = new ArrayList<>();
    for (String name : registries.split(",")) {
      parts.add((MigrationRegistry) instance(name));
    }
    MigrationRegistry registry = parts.size() == 1 ? parts.get(0) : chain(parts);
    return Strata.configure().url(url).registry(registry);
  }

  private static MigrationRegistry chain(List<MigrationRegistry> parts) {
    List<MigrationDescriptor> all = new ArrayList<>();
    parts.forEach(p -> all.addAll(p.migrations()));
    List<MigrationDescriptor> chained = List.copyOf(all);
    return () -> chained;
  }

  private static Object instance(String className) throws Exception {
    return Class.forName(className).getDeclaredConstructor().newInstance();
  }
}
