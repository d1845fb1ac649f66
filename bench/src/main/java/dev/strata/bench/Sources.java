package dev.strata.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the generated projects the benchmarks compile: SQL-form and Java-form {@code @Migration}
 * classes, entities matching the migrations' tables, a fixtures entity, and Flyway's SQL files.
 */
public final class Sources {
  private Sources() {}

  /** SQL-form migrations {@code from..to} (inclusive) in package {@code pkg} under {@code root}. */
  public static void sqlMigrations(Path root, String pkg, int from, int to) {
    for (int v = from; v <= to; v++) {
      String body =
          "@Migration(\n    version = "
              + v
              + ",\n    description = "
              + quote(Workload.description(v))
              + ",\n    up = "
              + quote(String.join("; ", Workload.up(v)) + ";")
              + ",\n    down = "
              + quote(Workload.down(v) + ";")
              + ")\npublic final class V"
              + v
              + " {}\n";
      write(root, pkg, "V" + v, List.of("dev.strata.annotation.Migration"), body);
    }
  }

  /** Java-form migrations running the same statements through {@code MigrationContext}. */
  public static void javaMigrations(Path root, String pkg, int from, int to) {
    for (int v = from; v <= to; v++) {
      StringBuilder body = new StringBuilder();
      body.append("@Migration(version = ")
          .append(v)
          .append(", description = ")
          .append(quote(Workload.description(v)))
          .append(")\npublic final class V")
          .append(v)
          .append(" implements JavaMigration {\n  @Override\n")
          .append("  public void up(MigrationContext ctx) throws Exception {\n");
      for (String statement : Workload.up(v)) {
        body.append("    ctx.execute(").append(quote(statement)).append(");\n");
      }
      body.append("  }\n\n  @Override\n")
          .append("  public void down(MigrationContext ctx) throws Exception {\n")
          .append("    ctx.execute(")
          .append(quote(Workload.down(v)))
          .append(");\n  }\n}\n");
      write(
          root,
          pkg,
          "V" + v,
          List.of(
              "dev.strata.JavaMigration",
              "dev.strata.MigrationContext",
              "dev.strata.annotation.Migration"),
          body.toString());
    }
  }

  /** Entities describing the tables that migrations {@code from..to} create, index included. */
  public static void entities(Path root, String pkg, int from, int to) {
    entities(root, pkg, from, to, 0);
  }

  /**
   * Entities {@code from..to}, the first {@code withNote} of them with the {@code note} column that
   * {@link #noteMigrations} adds.
   */
  public static void entities(Path root, String pkg, int from, int to, int withNote) {
    for (int v = from; v <= to; v++) {
      String t = Workload.table(v);
      String body =
          "@Entity(table = "
              + quote(t)
              + ")\n@Index(columns = \"name\", name = "
              + quote("ix_" + t + "_name")
              + ")\npublic class E"
              + v
              + " {\n  @Id long id;\n  @Column(nullable = Nullability.NOT_NULL) String name;\n"
              + "  Integer qty;\n"
              + (v < from + withNote ? "  String note;\n" : "")
              + "}\n";
      write(
          root,
          pkg,
          "E" + v,
          List.of(
              "dev.strata.annotation.Column",
              "dev.strata.annotation.Entity",
              "dev.strata.annotation.Id",
              "dev.strata.annotation.Index",
              "dev.strata.annotation.Nullability"),
          body);
    }
  }

  /**
   * Migrations {@code from..to} that each add a {@code note} column to table {@code t_(v - shift)}
   * and fill it: the later half of a project whose first half created the tables, so that the
   * migrations build exactly the entities' schema and the processor's checks pass.
   */
  public static void noteMigrations(Path root, String pkg, int from, int to, int shift) {
    for (int v = from; v <= to; v++) {
      String t = Workload.table(v - shift);
      String body =
          "@Migration(\n    version = "
              + v
              + ",\n    description = "
              + quote("Add note to " + t)
              + ",\n    up = "
              + quote(
                  "ALTER TABLE " + t + " ADD COLUMN note TEXT; UPDATE " + t + " SET note = 'n';")
              + ",\n    down = "
              + quote("ALTER TABLE " + t + " DROP COLUMN note;")
              + ")\npublic final class V"
              + v
              + " {}\n";
      write(root, pkg, "V" + v, List.of("dev.strata.annotation.Migration"), body);
    }
  }

  /** The one entity that fixtures populate, with a text, integer, real, date and boolean column. */
  public static void fixtureEntity(Path root, String pkg) {
    String body =
        """
        @Entity
        public class Item {
          @Id(autoIncrement = true) long id;
          @Column(nullable = Nullability.NOT_NULL) String name;
          int qty;
          double price;
          LocalDate madeOn;
          boolean active;
        }
        """;
    write(
        root,
        pkg,
        "Item",
        List.of(
            "dev.strata.annotation.Column",
            "dev.strata.annotation.Entity",
            "dev.strata.annotation.Id",
            "dev.strata.annotation.Nullability",
            "java.time.LocalDate"),
        body);
  }

  /**
   * {@code count} SQL-form migrations of {@code statements} distinct short statements each: what
   * fills a class's constant pool fastest, since every statement is a constant of its own.
   */
  public static void bigMigrations(Path root, String pkg, int count, int statements) {
    for (int m = 1; m <= count; m++) {
      StringBuilder up = new StringBuilder();
      for (int s = 0; s < statements; s++) {
        up.append("SELECT ").append(m * 10_000 + s).append(";");
      }
      String body =
          "@Migration(version = "
              + m
              + ", up = "
              + quote(up.toString())
              + ")\npublic final class Big"
              + m
              + " {}\n";
      write(root, pkg, "Big" + m, List.of("dev.strata.annotation.Migration"), body);
    }
  }

  /** Flyway's files for migrations {@code from..to}: {@code V<n>__Create_t_<n>.sql}. */
  public static void flywayScripts(Path dir, int from, int to) {
    try {
      Files.createDirectories(dir);
      for (int v = from; v <= to; v++) {
        String name = "V" + v + "__" + Workload.description(v).replace(' ', '_') + ".sql";
        Files.writeString(dir.resolve(name), Workload.script(v));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path root, String pkg, String name, List<String> imports, String body) {
    StringBuilder text = new StringBuilder("package ").append(pkg).append(";\n\n");
    for (String i : imports) {
      text.append("import ").append(i).append(";\n");
    }
    text.append('\n').append(body);
    try {
      Path dir = root.resolve(pkg.replace('.', '/'));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + ".java"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
