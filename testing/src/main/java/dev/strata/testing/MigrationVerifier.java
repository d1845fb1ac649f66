package dev.strata.testing;

import dev.strata.JavaMigration;
import dev.strata.Strata;
import dev.strata.schema.PostgresInspector;
import dev.strata.schema.SchemaDiff;
import dev.strata.schema.SchemaException;
import dev.strata.schema.SchemaModel;
import dev.strata.spi.MigrationDescriptor;
import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.SchemaDefinition;
import dev.strata.sql.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Verifies a chain of migrations on real, temporary SQLite files, deleted afterwards, or on
 * PostgreSQL ({@link #on(Dialect)}):
 *
 * <ul>
 *   <li>the versions are unique and increasing, with one head;
 *   <li>an empty database upgrades to the head;
 *   <li>every reversible migration survives up, down, up: after {@code down} the schema equals the
 *       one before {@code up}, by {@link SchemaDiff} and (on SQLite) by the normalised {@code
 *       sqlite_master} SQL of every table, index, trigger and view; after the second {@code up} it
 *       equals the first;
 *   <li>at the head, the migrated schema equals the entities' schema, rendered as {@code
 *       validate()} renders it (when a schema is given); the upgrade and this check run the
 *       repeatable migrations after the versioned ones, as {@code migrate()} does, so a view that a
 *       repeatable creates must be an entity's {@code @View} too;
 *   <li>data survives each migration: rows are inserted into every table before it, and afterwards
 *       each row must still be there by key and no non-null value of a remaining column may have
 *       become NULL. Changed values are notes. A migration declared {@code destructive = true} is
 *       exempt, and one that fails only because of the inserted rows (a seed with fixed keys) is
 *       noted as skipped, with the reason.
 * </ul>
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> migrations() {
 *   return MigrationVerifier.discover().tests();
 * }
 *
 * @TestFactory
 * Stream<DynamicNode> migrationsOnPostgresql() {
 *   return MigrationVerifier.discover().on(Dialect.POSTGRESQL).tests();
 * }
 * }</pre>
 *
 * <p>On PostgreSQL every check runs in a schema of its own, in one database the JVM's checks share,
 * on the server {@link StrataExtension} uses (an embedded one, or the one named by {@code
 * strata.test.postgresql.url} or {@code STRATA_TEST_POSTGRESQL_URL}); each migration runs as
 * PostgreSQL runs it, with its PostgreSQL text when it has one ({@link MigrationDescriptor#on}),
 * schemas are read by {@link PostgresInspector}, and the head is compared with the entities'
 * PostgreSQL DDL ({@link SchemaDefinition#statements(Dialect)}).
 */
public final class MigrationVerifier {
  private final MigrationRegistry registry;
  private final SchemaDefinition schema;
  private final Dialect dialect;

  private MigrationVerifier(MigrationRegistry registry, SchemaDefinition schema, Dialect dialect) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.schema = schema;
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  /**
   * This verifier on databases of {@code dialect}: SQLite files (the default), or PostgreSQL
   * schemas on the test server.
   */
  public MigrationVerifier on(Dialect dialect) {
    return new MigrationVerifier(registry, schema, dialect);
  }

  /**
   * A verifier of {@code registry}; {@code schema} (the entities, may be null) adds the head check.
   */
  public static MigrationVerifier of(MigrationRegistry registry, SchemaDefinition schema) {
    return new MigrationVerifier(registry, schema, Dialect.SQLITE);
  }

  /** A verifier of {@code registry}, without the head check against the entities. */
  public static MigrationVerifier of(MigrationRegistry registry) {
    return new MigrationVerifier(registry, null, Dialect.SQLITE);
  }

  /**
   * A verifier of the generated registry and schema, found by {@link ServiceLoader}; the schema is
   * optional.
   */
  public static MigrationVerifier discover() {
    MigrationRegistry registry =
        ServiceLoader.load(MigrationRegistry.class)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No MigrationRegistry found by ServiceLoader: is the processor on the"
                            + " annotation processor path?"));
    SchemaDefinition schema = ServiceLoader.load(SchemaDefinition.class).findFirst().orElse(null);
    return new MigrationVerifier(registry, schema, Dialect.SQLITE);
  }

  /** What a run found: failures, each naming its migration, and notes. */
  public record Report(List<String> failures, List<String> notes) {
    public Report {
      failures = List.copyOf(failures);
      notes = List.copyOf(notes);
    }

    /** The failures as one message, or an empty string when there are none. */
    public String message() {
      if (failures.isEmpty()) {
        return "";
      }
      return failures.size()
          + (failures.size() == 1 ? " migration check failed:\n" : " migration checks failed:\n")
          + failures.stream().map(f -> "- " + f).collect(Collectors.joining("\n"));
    }
  }

  /** One dynamic test per check per migration, named after the version and description. */
  public Stream<DynamicNode> tests() {
    return checks().stream()
        .map(
            check ->
                DynamicTest.dynamicTest(
                    check.name(),
                    () -> {
                      Report report = run(List.of(check));
                      report.notes().forEach(n -> System.out.println("note: " + n));
                      if (!report.failures().isEmpty()) {
                        throw new AssertionError(report.message());
                      }
                    }));
  }

  /** Runs every check and throws one {@link AssertionError} that lists every failure. */
  public void verify() {
    Report report = run();
    report.notes().forEach(n -> System.out.println("note: " + n));
    if (!report.failures().isEmpty()) {
      throw new AssertionError(report.message());
    }
  }

  /** Runs every check and returns what they found, without throwing. */
  public Report run() {
    return run(checks());
  }

  private Report run(List<Check> checks) {
    List<String> failures = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Check check : checks) {
      Outcome outcome = new Outcome();
      try (ScratchDatabases databases = ScratchDatabases.open(dialect)) {
        check.body().run(databases, outcome);
      } catch (Exception | AssertionError e) {
        outcome.failures.add("failed: " + describe(e));
      }
      outcome.failures.forEach(f -> failures.add(check.name() + ": " + f));
      outcome.notes.forEach(n -> notes.add(check.name() + ": " + n));
    }
    return new Report(failures, notes);
  }

  private List<Check> checks() {
    List<MigrationDescriptor> migrations = registry.migrations();
    List<Check> checks = new ArrayList<>();
    checks.add(new Check("Versions unique and increasing", (databases, out) -> versions(out)));
    checks.add(new Check("Upgrade from empty to head", this::upgrade));
    long previous = 0;
    for (MigrationDescriptor declared : migrations) {
      MigrationDescriptor m = declared.on(dialect); // its text, checksum and down on this database
      long before = previous;
      String name = name(m);
      if (m.reversible()) {
        checks.add(new Check(name + ": up, down, up", (dbs, out) -> upDownUp(dbs, m, before, out)));
      }
      checks.add(new Check(name + ": data survives", (dbs, out) -> data(dbs, m, before, out)));
      previous = m.version();
    }
    if (schema != null) {
      checks.add(new Check(headName() + ": head matches the entities", this::head));
    }
    return checks;
  }

  private static String name(MigrationDescriptor m) {
    return "V" + m.version() + " " + m.description();
  }

  private String headName() {
    List<MigrationDescriptor> migrations = registry.migrations();
    return migrations.isEmpty() ? "V0" : name(migrations.get(migrations.size() - 1));
  }

  private void versions(Outcome out) {
    List<MigrationDescriptor> migrations = registry.migrations();
    if (migrations.isEmpty()) {
      out.failures.add("the registry has no migrations");
      return;
    }
    Map<Long, MigrationDescriptor> seen = new HashMap<>();
    MigrationDescriptor last = null;
    for (MigrationDescriptor m : migrations) {
      MigrationDescriptor twin = seen.put(m.version(), m);
      if (twin != null) {
        out.failures.add(
            "V"
                + m.version()
                + " is used twice: '"
                + twin.description()
                + "' and '"
                + m.description()
                + "'");
      } else if (last != null && m.version() < last.version()) {
        out.failures.add(name(m) + " comes after " + name(last) + ": versions must increase");
      }
      last = m;
    }
  }

  private void upgrade(ScratchDatabases databases, Outcome out) throws SQLException {
    String url = databases.create("upgrade");
    try {
      migrate(url, Long.MAX_VALUE);
    } catch (RuntimeException e) {
      out.failures.add("an empty database does not reach the head: " + describe(e));
    }
  }

  private void upDownUp(ScratchDatabases databases, MigrationDescriptor m, long before, Outcome out)
      throws SQLException {
    String url = databases.create("updown");
    migrate(url, before);
    VerifierSnapshot start = snapshot(databases, url);
    try {
      migrate(url, m.version());
    } catch (RuntimeException e) {
      out.failures.add("up (from V" + before + ") failed: " + describe(e));
      return;
    }
    VerifierSnapshot up = snapshot(databases, url);
    try {
      step(databases, url, m, false);
    } catch (Exception e) {
      out.failures.add("down failed: " + describe(e));
      return;
    }
    VerifierSnapshot down = snapshot(databases, url);
    List<String> afterDown = down.differences(start);
    if (!afterDown.isEmpty()) {
      out.failures.add(
          "after down, the schema differs from the schema before up (V"
              + before
              + "):\n"
              + indent(afterDown));
    }
    try {
      step(databases, url, m, true);
    } catch (Exception e) {
      out.failures.add("up after down failed: " + describe(e));
      return;
    }
    List<String> again = snapshot(databases, url).differences(up);
    if (!again.isEmpty()) {
      out.failures.add(
          "after up, down, up, the schema differs from the first up:\n" + indent(again));
    }
  }

  private void data(ScratchDatabases databases, MigrationDescriptor m, long before, Outcome out)
      throws SQLException {
    if (m.destructive()) {
      out.notes.add("exempt from the data check: it declares destructive = true");
      return;
    }
    String url = databases.create("data");
    migrate(url, before);
    VerifierRows rows;
    Map<String, Integer> inserted;
    try (Connection connection = databases.connect(url)) {
      SchemaModel model = VerifierSnapshot.model(connection);
      inserted = RowGenerator.populate(connection, model);
      rows = VerifierRows.of(connection, model);
    }
    try {
      migrate(url, m.version());
    } catch (RuntimeException withRows) {
      String clean = databases.create("clean");
      migrate(clean, before);
      try {
        migrate(clean, m.version());
        out.notes.add(
            "data check skipped: the migration fails only with the verifier's rows ("
                + inserted
                + " rows inserted), and passes without them: "
                + describe(withRows));
      } catch (RuntimeException alone) {
        out.notes.add(
            "data check not run: the migration fails even on an empty database (see the"
                + " upgrade check): "
                + describe(alone));
      }
      return;
    }
    try (Connection connection = databases.connect(url)) {
      SchemaModel model = VerifierSnapshot.model(connection);
      VerifierRows.of(connection, model).compare(rows, out.failures, out.notes);
    }
  }

  private void head(ScratchDatabases databases, Outcome out) throws SQLException {
    String url = databases.create("head");
    try {
      migrate(url, Long.MAX_VALUE);
    } catch (RuntimeException e) {
      out.failures.add("cannot reach the head: " + describe(e));
      return;
    }
    SchemaModel expected;
    SchemaModel actual;
    try (Connection connection = databases.connect(url)) {
      actual = VerifierSnapshot.model(connection);
      // PostgreSQL's side is the entities' PostgreSQL DDL, read back by the same inspector.
      expected =
          dialect == Dialect.SQLITE
              ? schema.model()
              : PostgresInspector.inspect(connection, schema.statements(dialect));
    } catch (SchemaException e) {
      out.failures.add("the entities' schema cannot be compared: " + e.getMessage());
      return;
    }
    SchemaDiff diff = SchemaDiff.compare(expected, actual);
    if (!diff.isEmpty()) {
      out.failures.add(
          "the migrated schema differs from the entities' schema:\n"
              + indent(diff.render().lines().toList()));
    }
  }

  /**
   * Migrates {@code file} through the real engine, up to {@code target}. Repeatable migrations run
   * only on the way to the head ({@code Long.MAX_VALUE}): a step check that ends at the last
   * version compares schemas around that version alone, which a repeatable's view would disturb.
   */
  private void migrate(String url, long target) {
    MigrationRegistry chain = target == Long.MAX_VALUE ? registry : registry::migrations;
    var builder = Strata.configure().url(url).registry(chain);
    if (schema != null) {
      builder.schema(schema);
    }
    if (target != Long.MAX_VALUE) {
      builder.target(target);
    }
    builder.load().migrate();
  }

  /**
   * Runs a migration's {@code up} or {@code down} (as resolved for the dialect) on {@code url}
   * through a {@link VerifierContext}, in one transaction when it is transactional, and with
   * foreign keys off (checked before the commit) for a SQLite table rebuild, as the engine does.
   * PostgreSQL's engine refuses a rebuild, so its up, down, up check fails before this.
   */
  private static void step(
      ScratchDatabases databases, String url, MigrationDescriptor m, boolean up) throws Exception {
    try (Connection connection = databases.connect(url)) {
      boolean rebuild = !m.foreignKeys() && Dialect.of(connection) == Dialect.SQLITE;
      if (rebuild) {
        exec(connection, "PRAGMA foreign_keys = OFF");
      }
      if (m.transactional()) {
        connection.setAutoCommit(false);
      }
      try {
        JavaMigration migration = m.factory().get();
        VerifierContext context = new VerifierContext(connection, m.version(), m.description());
        if (up) {
          migration.up(context);
        } else {
          migration.down(context);
        }
        if (rebuild) {
          try (Statement statement = connection.createStatement();
              ResultSet broken = statement.executeQuery("PRAGMA foreign_key_check")) {
            if (broken.next()) {
              throw new SQLException(
                  "foreign_key_check: a row of " + broken.getString(1) + " lost its parent");
            }
          }
        }
        if (m.transactional()) {
          connection.commit();
        }
      } catch (Exception e) {
        if (m.transactional()) {
          connection.rollback();
        }
        throw e;
      }
    }
  }

  private static VerifierSnapshot snapshot(ScratchDatabases databases, String url)
      throws SQLException {
    try (Connection connection = databases.connect(url)) {
      return VerifierSnapshot.of(connection);
    }
  }

  private static void exec(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String indent(List<String> lines) {
    return lines.stream().map(l -> "    " + l).collect(Collectors.joining("\n"));
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
        text.append(" (").append(cause.getMessage()).append(')');
      }
    }
    return text.toString();
  }

  private record Check(String name, Body body) {}

  @FunctionalInterface
  private interface Body {
    void run(ScratchDatabases databases, Outcome outcome) throws Exception;
  }

  private static final class Outcome {
    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
  }
}
