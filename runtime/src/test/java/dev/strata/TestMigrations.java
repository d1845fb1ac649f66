package dev.strata;

import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.sql.SqlSplitter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Builds registries in code, the way the generated {@code StrataMigrations} would. */
final class TestMigrations {
  private TestMigrations() {}

  static MigrationDescriptor sql(long version, String description, String script) {
    return new MigrationDescriptor(
        version,
        description,
        MigrationType.SQL,
        checksum(script),
        false,
        true,
        "test.V" + version,
        () -> new SqlMigration(SqlSplitter.split(script), List.of()));
  }

  static MigrationDescriptor java(long version, String description, JavaMigration migration) {
    return java(version, description, true, migration);
  }

  static MigrationDescriptor java(
      long version, String description, boolean transactional, JavaMigration migration) {
    return new MigrationDescriptor(
        version,
        description,
        MigrationType.JAVA,
        checksum(description),
        false,
        transactional,
        "test.V" + version,
        () -> migration);
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
