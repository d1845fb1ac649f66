package dev.strata;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.sql.SqlSplitter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/** Builds registries in code, the way the generated {@code StrataMigrations} would. */
final class TestMigrations {
  private TestMigrations() {}

  static MigrationDescriptor sql(long version, String description, String script) {
    return sql(version, description, true, script);
  }

  /**
   * {@code foreignKeys = false} makes the step a table rebuild: enforcement off, {@code
   * foreign_key_check} before the commit.
   */
  static MigrationDescriptor sql(
      long version, String description, boolean foreignKeys, String script) {
    return sql(version, description, foreignKeys, checksum(script), SqlSplitter.split(script));
  }

  /** An SQL migration that declares it drops data on purpose ({@code destructive = true}). */
  static MigrationDescriptor destructive(long version, String description, String script) {
    MigrationDescriptor m = sql(version, description, script);
    return new MigrationDescriptor(
        m.version(),
        m.description(),
        m.type(),
        m.checksum(),
        m.reversible(),
        m.transactional(),
        m.foreignKeys(),
        true,
        m.source(),
        m.factory());
  }

  /** An SQL migration whose statements are already split, as the processor splits them. */
  static MigrationDescriptor presplit(long version, String description, List<String> statements) {
    return sql(version, description, true, checksum(String.join(";\n", statements)), statements);
  }

  private static MigrationDescriptor sql(
      long version,
      String description,
      boolean foreignKeys,
      String checksum,
      List<String> statements) {
    return descriptor(
        version,
        description,
        MigrationType.SQL,
        checksum,
        true,
        foreignKeys,
        () -> new SqlMigration(statements, List.of()));
  }

  static MigrationDescriptor java(long version, String description, JavaMigration migration) {
    return java(version, description, true, migration);
  }

  static MigrationDescriptor java(
      long version, String description, boolean transactional, JavaMigration migration) {
    return java(version, description, transactional, true, migration);
  }

  static MigrationDescriptor java(
      long version,
      String description,
      boolean transactional,
      boolean foreignKeys,
      JavaMigration migration) {
    return descriptor(
        version,
        description,
        MigrationType.JAVA,
        checksum(description),
        transactional,
        foreignKeys,
        () -> migration);
  }

  /** A reversible Java migration: {@code migration} has a down of its own. */
  static MigrationDescriptor reversible(
      long version, String description, boolean transactional, JavaMigration migration) {
    MigrationDescriptor m = java(version, description, transactional, migration);
    return new MigrationDescriptor(
        m.version(),
        m.description(),
        m.type(),
        m.checksum(),
        true,
        m.transactional(),
        m.foreignKeys(),
        m.destructive(),
        m.source(),
        m.factory());
  }

  /** The one place that spells out the defaults: irreversible, not destructive. */
  private static MigrationDescriptor descriptor(
      long version,
      String description,
      MigrationType type,
      String checksum,
      boolean transactional,
      boolean foreignKeys,
      Supplier<? extends JavaMigration> factory) {
    return new MigrationDescriptor(
        version,
        description,
        type,
        checksum,
        false,
        transactional,
        foreignKeys,
        false,
        "test.V" + version,
        factory);
  }

  static MigrationRegistry registry(MigrationDescriptor... migrations) {
    return registry(List.of(migrations));
  }

  static MigrationRegistry registry(List<MigrationDescriptor> migrations) {
    List<MigrationDescriptor> copy = List.copyOf(migrations);
    return () -> copy;
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
}
