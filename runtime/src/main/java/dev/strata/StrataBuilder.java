package dev.strata;

import dev.strata.spi.MigrationRegistry;
import dev.strata.spi.SchemaDefinition;
import dev.strata.spi.StrataEngine;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Configures a {@link Strata}. Later calls override earlier ones, so {@code
 * .fromProperties(file).fromEnvironment()} lets the environment win over the file.
 *
 * <p>Settings read from the environment and from properties files:
 *
 * <table>
 *   <caption>Settings by source</caption>
 *   <tr><th>environment</th><th>property</th><th>meaning</th></tr>
 *   <tr><td>STRATA_URL</td><td>strata.url</td><td>{@link #url}</td></tr>
 *   <tr><td>STRATA_OUT_OF_ORDER</td><td>strata.outOfOrder</td>
 *       <td>{@link #outOfOrder}, true or false</td></tr>
 *   <tr><td>STRATA_BUSY_TIMEOUT_MS</td><td>strata.busyTimeoutMs</td>
 *       <td>{@link #busyTimeout}</td></tr>
 *   <tr><td>STRATA_LOCK_TIMEOUT_MS</td><td>strata.lockTimeoutMs</td>
 *       <td>{@link #lockTimeout}</td></tr>
 *   <tr><td>STRATA_TARGET</td><td>strata.target</td><td>{@link #target}</td></tr>
 *   <tr><td>STRATA_STEP_TIMEOUT_MS</td><td>strata.stepTimeoutMs</td>
 *       <td>{@link #stepTimeout}, 0 for none</td></tr>
 *   <tr><td>STRATA_INSTALLED_BY</td><td>strata.installedBy</td><td>{@link #installedBy}</td></tr>
 *   <tr><td>STRATA_FRESH_STRATEGY</td><td>strata.freshStrategy</td>
 *       <td>{@link #freshStrategy}</td></tr>
 * </table>
 */
public final class StrataBuilder {
  private String url;
  private DataSource dataSource;
  private MigrationRegistry registry;
  private SchemaDefinition schema;
  private final List<MigrationListener> listeners = new ArrayList<>();
  private boolean outOfOrder;
  private Duration busyTimeout = Duration.ofSeconds(5);
  private Duration lockTimeout = Duration.ofMinutes(10);
  private Duration stepTimeout = Duration.ZERO;
  private long target = Long.MAX_VALUE;
  private String installedBy = System.getProperty("user.name", "unknown");
  private FreshStrategy freshStrategy = FreshStrategy.RUN_MIGRATIONS;

  StrataBuilder() {}

  /**
   * A JDBC URL such as {@code jdbc:sqlite:app.db}; a bare file path is accepted too. Every call of
   * {@link Strata} opens its own connection, so an in-memory database ({@code :memory:}, {@code
   * mode=memory}) would be a new empty one each time: {@link #load()} refuses it.
   */
  public StrataBuilder url(String url) {
    Objects.requireNonNull(url, "url");
    this.url = url.startsWith("jdbc:") ? url : "jdbc:sqlite:" + url;
    return this;
  }

  /** Connections come from here instead of a URL; they get the same PRAGMAs. */
  public StrataBuilder dataSource(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    return this;
  }

  /** The migrations; by default the single {@link MigrationRegistry} found by ServiceLoader. */
  public StrataBuilder registry(MigrationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /** The entity schema; by default the {@link SchemaDefinition} found by ServiceLoader, if any. */
  public StrataBuilder schema(SchemaDefinition schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    return this;
  }

  /** Adds a listener; listeners are called in the order they were added. */
  public StrataBuilder listener(MigrationListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Whether migrate applies a pending migration older than the applied head. Default false. */
  public StrataBuilder outOfOrder(boolean outOfOrder) {
    this.outOfOrder = outOfOrder;
    return this;
  }

  /** SQLite's busy_timeout on every connection Strata opens. Default 5 seconds. */
  public StrataBuilder busyTimeout(Duration busyTimeout) {
    this.busyTimeout = nonNegative(busyTimeout, "busyTimeout");
    return this;
  }

  /**
   * How long migrate waits for other callers that hold the write lock or run a step, before it
   * gives up. Longer than busyTimeout, because a concurrent caller may be running a long migration.
   * Default 10 minutes.
   */
  public StrataBuilder lockTimeout(Duration lockTimeout) {
    this.lockTimeout = nonNegative(lockTimeout, "lockTimeout");
    return this;
  }

  /**
   * The longest one migration may run before it is stopped: its running statement is interrupted
   * (through SQLite's progress handler) and the step fails with a message that names this limit. A
   * transactional step is rolled back and leaves no history row; a step with {@code transactional =
   * false} fails as it would on any error, with what it committed before staying. A migration busy
   * in Java code rather than SQL is failed when it returns. The wait for the step's lock does not
   * count. Default {@link Duration#ZERO}: no limit.
   */
  public StrataBuilder stepTimeout(Duration stepTimeout) {
    this.stepTimeout = nonNegative(stepTimeout, "stepTimeout");
    return this;
  }

  /**
   * The version {@code migrate()} stops at: it applies nothing past it, and {@code info()} shows
   * what lies beyond as pending. 0 applies nothing. Default: every migration, to the head. With a
   * target below the head, a fresh database is migrated step by step even under {@link
   * FreshStrategy#CREATE_FROM_ENTITIES}, since the entities describe only the head.
   */
  public StrataBuilder target(long version) {
    if (version < 0) {
      throw new IllegalArgumentException("target must not be negative: " + version);
    }
    this.target = version;
    return this;
  }

  /** Stored in {@code strata_history.installed_by}. Default: the {@code user.name} property. */
  public StrataBuilder installedBy(String installedBy) {
    this.installedBy = Objects.requireNonNull(installedBy, "installedBy");
    return this;
  }

  /** What migrate does on an empty database; see {@link FreshStrategy}. */
  public StrataBuilder freshStrategy(FreshStrategy freshStrategy) {
    this.freshStrategy = Objects.requireNonNull(freshStrategy, "freshStrategy");
    return this;
  }

  /** Applies the {@code STRATA_*} environment variables that are set. */
  public StrataBuilder fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  StrataBuilder fromEnvironment(Map<String, String> environment) {
    for (Option option : Option.values()) {
      String value = environment.get(option.environmentName());
      if (value != null) {
        option.apply(this, value, "environment variable " + option.environmentName());
      }
    }
    return this;
  }

  /**
   * Applies the {@code strata.*} properties of a file; an unknown {@code strata.} key is an error.
   */
  public StrataBuilder fromProperties(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new StrataException("The properties file " + file + " does not exist", e);
    } catch (IOException e) {
      // A FileSystemException's message is often just the path again; its type says what happened.
      throw new StrataException(
          "Cannot read the properties file "
              + file
              + ": "
              + e.getClass().getSimpleName()
              + (e instanceof FileSystemException f && f.getReason() != null
                  ? " (" + f.getReason() + ")"
                  : ""),
          e);
    }
    for (String key : properties.stringPropertyNames()) {
      if (key.startsWith("strata.") && Option.byProperty(key) == null) {
        throw new StrataException(
            "Unknown setting "
                + key
                + " in "
                + file
                + "; known: "
                + Arrays.stream(Option.values())
                    .map(Option::propertyName)
                    .collect(Collectors.joining(", ")));
      }
    }
    for (Option option : Option.values()) {
      String value = properties.getProperty(option.propertyName());
      if (value != null) {
        option.apply(this, value.trim(), option.propertyName() + " in " + file);
      }
    }
    return this;
  }

  /** Checks the configuration, finds the registry and schema if not given, and builds. */
  public Strata load() {
    if ((url == null) == (dataSource == null)) {
      throw new StrataException(
          url == null
              ? "No database configured: call url(..) or dataSource(..), or set STRATA_URL"
              : "Both url(..) and dataSource(..) are configured; choose one");
    }
    if (url != null && path(url).replaceFirst("[?].*", "").isBlank()) {
      throw new StrataException(
          "The database URL '"
              + url
              + "' names no file: give a file path, such as jdbc:sqlite:app.db");
    }
    if (url != null && isTransient(url)) {
      throw new StrataException(
          "The database "
              + url
              + " is in memory or temporary, and would be discarded"
              + " after each call, since every call opens its own connection: use a file");
    }
    MigrationRegistry migrations =
        registry != null ? registry : discover(MigrationRegistry.class, true);
    SchemaDefinition entities = schema != null ? schema : discover(SchemaDefinition.class, false);
    if (freshStrategy == FreshStrategy.CREATE_FROM_ENTITIES && entities == null) {
      throw new StrataException(
          "FreshStrategy.CREATE_FROM_ENTITIES needs a SchemaDefinition,"
              + " but none is configured or generated");
    }
    return new Strata(
        Strata.engine()
            .load(
                new StrataEngine.Configuration(
                    url,
                    dataSource,
                    migrations,
                    entities,
                    listeners,
                    outOfOrder,
                    busyTimeout,
                    lockTimeout,
                    installedBy,
                    freshStrategy,
                    stepTimeout,
                    target)));
  }

  /**
   * Whether {@code url} names a database that lives only as long as its connection: every call
   * opens and closes its own, so migrating one would change nothing that lasts.
   */
  private static boolean isTransient(String url) {
    String path = path(url).toLowerCase(Locale.ROOT);
    return path.startsWith(":memory:")
        || path.startsWith("file::memory:")
        || path.matches(".*[?&]mode=memory(&.*)?");
  }

  /** What follows {@code jdbc:<driver>:}, a path or URI with its parameters. */
  private static String path(String url) {
    return url.substring(url.indexOf(':', "jdbc:".length()) + 1);
  }

  /** The generated implementation of {@code type}: exactly one, or none when optional. */
  private static <T> T discover(Class<T> type, boolean required) {
    List<ServiceLoader.Provider<T>> found = ServiceLoader.load(type).stream().toList();
    if (found.size() > 1) {
      throw new StrataException(
          "Found "
              + found.size()
              + " implementations of "
              + type.getSimpleName()
              + " on the class path, expected one: "
              + found.stream()
                  .map(p -> p.type().getName())
                  .sorted()
                  .collect(Collectors.joining(", "))
              + ". Configure one explicitly.");
    }
    if (found.isEmpty()) {
      if (required) {
        throw new StrataException(
            "No "
                + type.getSimpleName()
                + " found on the class path. Is strata-processor on the annotation processor path,"
                + " with at least one @Migration? Or configure one explicitly.");
      }
      return null;
    }
    return found.get(0).get();
  }

  private static Duration nonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + duration);
    }
    return duration;
  }

  /** A setting that can come from the environment or a properties file. */
  private enum Option {
    URL("url", StrataBuilder::url),
    OUT_OF_ORDER("outOfOrder", (b, v) -> b.outOfOrder(parseBoolean(v))),
    BUSY_TIMEOUT_MS("busyTimeoutMs", (b, v) -> b.busyTimeout(Duration.ofMillis(Long.parseLong(v)))),
    LOCK_TIMEOUT_MS("lockTimeoutMs", (b, v) -> b.lockTimeout(Duration.ofMillis(Long.parseLong(v)))),
    STEP_TIMEOUT_MS("stepTimeoutMs", (b, v) -> b.stepTimeout(Duration.ofMillis(Long.parseLong(v)))),
    TARGET("target", (b, v) -> b.target(Long.parseLong(v))),
    INSTALLED_BY("installedBy", StrataBuilder::installedBy),
    FRESH_STRATEGY(
        "freshStrategy",
        (b, v) -> b.freshStrategy(FreshStrategy.valueOf(v.toUpperCase(Locale.ROOT))));

    private final String key;
    private final BiConsumer<StrataBuilder, String> setter;

    Option(String key, BiConsumer<StrataBuilder, String> setter) {
      this.key = key;
      this.setter = setter;
    }

    String propertyName() {
      return "strata." + key;
    }

    String environmentName() {
      return "STRATA_" + name();
    }

    static Option byProperty(String property) {
      return Arrays.stream(values())
          .filter(o -> o.propertyName().equals(property))
          .findFirst()
          .orElse(null);
    }

    void apply(StrataBuilder builder, String value, String source) {
      try {
        setter.accept(builder, value);
      } catch (IllegalArgumentException e) {
        throw new StrataException(
            "Invalid value '" + value + "' for " + source + ": " + e.getMessage(), e);
      }
    }

    private static boolean parseBoolean(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("expected true or false");
      };
    }
  }
}
