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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Configures a {@link Strata}. Each setting comes from, in this order of precedence whatever the
 * order of the calls: an explicit builder call, the environment ({@link #fromEnvironment()}, {@code
 * STRATA_*}), a properties file ({@link #fromProperties}, {@code strata.*}), the default. Within
 * one source the later call wins (two properties files: the second). The settings and their names
 * are the {@link Option} table, which the README's configuration table repeats.
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
  private ClassLoader classLoader;

  /** The options set by an explicit builder call: neither environment nor file overrides them. */
  private final Set<Option> explicit = EnumSet.noneOf(Option.class);

  /** Parsed values from the environment, applied at {@link #load()} unless set explicitly. */
  private final Map<Option, Object> fromEnvironment = new EnumMap<>(Option.class);

  /** Parsed values from properties files, applied at {@link #load()} below the environment. */
  private final Map<Option, Object> fromFile = new EnumMap<>(Option.class);

  StrataBuilder() {}

  /**
   * A JDBC URL such as {@code jdbc:sqlite:app.db}; a bare file path is accepted too. Every call of
   * {@link Strata} opens its own connection, so an in-memory database ({@code :memory:}, {@code
   * mode=memory}) would be a new empty one each time: {@link #load()} refuses it.
   */
  public StrataBuilder url(String url) {
    Objects.requireNonNull(url, "url");
    this.url = jdbcUrl(url);
    explicit.add(Option.URL);
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

  /**
   * Where {@link #load()} looks, through ServiceLoader, for the registry and schema not configured
   * explicitly: for a tool that loads the application's classes itself, such as the {@code strata}
   * command line. Default: the thread's context class loader.
   */
  public StrataBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
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
    explicit.add(Option.OUT_OF_ORDER);
    return this;
  }

  /** SQLite's busy_timeout on every connection Strata opens. Default 5 seconds. */
  public StrataBuilder busyTimeout(Duration busyTimeout) {
    this.busyTimeout = nonNegative(busyTimeout, "busyTimeout");
    explicit.add(Option.BUSY_TIMEOUT_MS);
    return this;
  }

  /**
   * How long migrate waits for other callers that hold the write lock or run a step, before it
   * gives up. Longer than busyTimeout, because a concurrent caller may be running a long migration.
   * Default 10 minutes.
   */
  public StrataBuilder lockTimeout(Duration lockTimeout) {
    this.lockTimeout = nonNegative(lockTimeout, "lockTimeout");
    explicit.add(Option.LOCK_TIMEOUT_MS);
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
    explicit.add(Option.STEP_TIMEOUT_MS);
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
    explicit.add(Option.TARGET);
    return this;
  }

  /** Stored in {@code strata_history.installed_by}. Default: the {@code user.name} property. */
  public StrataBuilder installedBy(String installedBy) {
    this.installedBy = Objects.requireNonNull(installedBy, "installedBy");
    explicit.add(Option.INSTALLED_BY);
    return this;
  }

  /** What migrate does on an empty database; see {@link FreshStrategy}. */
  public StrataBuilder freshStrategy(FreshStrategy freshStrategy) {
    this.freshStrategy = Objects.requireNonNull(freshStrategy, "freshStrategy");
    explicit.add(Option.FRESH_STRATEGY);
    return this;
  }

  /**
   * Reads the {@code STRATA_*} environment variables that are set. They override a properties file
   * and are overridden by explicit builder calls, whatever the order of the calls; they are applied
   * at {@link #load()}. An unknown {@code STRATA_*} variable or a malformed value is an error.
   */
  public StrataBuilder fromEnvironment() {
    return fromEnvironment(System.getenv());
  }

  /** {@link #fromEnvironment()} with the given variables instead of the process's. */
  StrataBuilder fromEnvironment(Map<String, String> environment) {
    List<String> unknown =
        environment.keySet().stream()
            .filter(k -> k.startsWith("STRATA_") && Option.byEnvironment(k) == null)
            .sorted()
            .toList();
    if (!unknown.isEmpty()) {
      throw new StrataException(
          "Unknown environment variable "
              + String.join(", ", unknown)
              + "; known: "
              + Arrays.stream(Option.values())
                  .map(Option::environmentName)
                  .collect(Collectors.joining(", ")));
    }
    Map<Option, Object> read = new EnumMap<>(Option.class);
    for (Option option : Option.values()) {
      String value = environment.get(option.environmentName());
      if (value != null) {
        read.put(option, option.parse(value, "environment variable " + option.environmentName()));
      }
    }
    fromEnvironment.putAll(read);
    return this;
  }

  /**
   * Reads the {@code strata.*} properties of a file. They override the defaults and are overridden
   * by the environment and explicit builder calls, whatever the order of the calls; they are
   * applied at {@link #load()}. An unknown {@code strata.} key or a malformed value is an error.
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
    List<String> unknown =
        properties.stringPropertyNames().stream()
            .filter(k -> k.startsWith("strata.") && Option.byProperty(k) == null)
            .sorted()
            .toList();
    if (!unknown.isEmpty()) {
      throw new StrataException(
          "Unknown setting "
              + String.join(", ", unknown)
              + " in properties file "
              + file
              + "; known: "
              + Arrays.stream(Option.values())
                  .map(Option::propertyName)
                  .collect(Collectors.joining(", ")));
    }
    Map<Option, Object> read = new EnumMap<>(Option.class);
    for (Option option : Option.values()) {
      String value = properties.getProperty(option.propertyName());
      if (value != null) {
        read.put(
            option, option.parse(value, option.propertyName() + " in properties file " + file));
      }
    }
    fromFile.putAll(read);
    return this;
  }

  /**
   * Applies the environment's and the files' values to the options that no explicit call set. An
   * explicit {@link #dataSource} counts as an explicit choice of database, so it hides a URL from
   * the environment or a file.
   */
  private void resolve() {
    for (Option option : Option.values()) {
      if (explicit.contains(option) || (option == Option.URL && dataSource != null)) {
        continue;
      }
      Object value =
          fromEnvironment.containsKey(option) ? fromEnvironment.get(option) : fromFile.get(option);
      if (value != null) {
        option.assign.accept(this, value);
      }
    }
  }

  /** The value {@link #load()} would use for {@code option}; for tests. */
  Object setting(Option option) {
    resolve();
    return switch (option) {
      case URL -> url;
      case OUT_OF_ORDER -> outOfOrder;
      case BUSY_TIMEOUT_MS -> busyTimeout;
      case LOCK_TIMEOUT_MS -> lockTimeout;
      case STEP_TIMEOUT_MS -> stepTimeout;
      case TARGET -> target;
      case INSTALLED_BY -> installedBy;
      case FRESH_STRATEGY -> freshStrategy;
    };
  }

  /** Checks the configuration, finds the registry and schema if not given, and builds. */
  public Strata load() {
    resolve();
    if ((url == null) == (dataSource == null)) {
      throw new StrataException(
          url == null
              ? "No database configured: call url(..) or dataSource(..), or set STRATA_URL"
                  + " (strata --url)"
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
        registry != null ? registry : discover(MigrationRegistry.class, true, classLoader);
    SchemaDefinition entities =
        schema != null ? schema : discover(SchemaDefinition.class, false, classLoader);
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

  /**
   * The generated implementation of {@code type}: exactly one, or none when optional. A null {@code
   * loader} means the thread's context class loader.
   */
  private static <T> T discover(Class<T> type, boolean required, ClassLoader loader) {
    List<ServiceLoader.Provider<T>> found =
        (loader == null ? ServiceLoader.load(type) : ServiceLoader.load(type, loader))
            .stream().toList();
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

  private static final String MILLISECONDS = "a whole number of milliseconds, 0 or more";

  private static String jdbcUrl(String url) {
    return url.startsWith("jdbc:") ? url : "jdbc:sqlite:" + url;
  }

  private static long nonNegativeLong(String value) {
    long parsed = Long.parseLong(value);
    if (parsed < 0) {
      throw new IllegalArgumentException("negative");
    }
    return parsed;
  }

  /**
   * A setting that can come from a builder call, the environment or a properties file: the one
   * table of options, which the README's configuration table repeats (a test checks it).
   */
  enum Option {
    URL(
        "url",
        "url",
        "none: a URL or a `dataSource` is required",
        "a JDBC URL such as jdbc:sqlite:app.db, or a file path",
        StrataBuilder::jdbcUrl,
        (b, v) -> b.url = (String) v),
    OUT_OF_ORDER(
        "outOfOrder",
        "outOfOrder",
        "`false`",
        "true or false",
        Option::parseBoolean,
        (b, v) -> b.outOfOrder = (Boolean) v),
    BUSY_TIMEOUT_MS(
        "busyTimeoutMs",
        "busyTimeout",
        "5 s",
        MILLISECONDS,
        v -> Duration.ofMillis(nonNegativeLong(v)),
        (b, v) -> b.busyTimeout = (Duration) v),
    LOCK_TIMEOUT_MS(
        "lockTimeoutMs",
        "lockTimeout",
        "10 min",
        MILLISECONDS,
        v -> Duration.ofMillis(nonNegativeLong(v)),
        (b, v) -> b.lockTimeout = (Duration) v),
    STEP_TIMEOUT_MS(
        "stepTimeoutMs",
        "stepTimeout",
        "0 (none)",
        MILLISECONDS,
        v -> Duration.ofMillis(nonNegativeLong(v)),
        (b, v) -> b.stepTimeout = (Duration) v),
    TARGET(
        "target",
        "target",
        "the head",
        "a version, a whole number 0 or more",
        StrataBuilder::nonNegativeLong,
        (b, v) -> b.target = (Long) v),
    INSTALLED_BY(
        "installedBy",
        "installedBy",
        "the `user.name` property",
        "any text",
        v -> v,
        (b, v) -> b.installedBy = (String) v),
    FRESH_STRATEGY(
        "freshStrategy",
        "freshStrategy",
        "`RUN_MIGRATIONS`",
        "one of "
            + Arrays.stream(FreshStrategy.values())
                .map(Enum::name)
                .collect(Collectors.joining(", "))
            + " (any case)",
        v -> FreshStrategy.valueOf(v.toUpperCase(Locale.ROOT)),
        (b, v) -> b.freshStrategy = (FreshStrategy) v);

    private final String key;
    private final String builderMethod;
    private final String defaultValue;
    private final String acceptedForm;
    private final Function<String, Object> parser;
    private final BiConsumer<StrataBuilder, Object> assign;

    Option(
        String key,
        String builderMethod,
        String defaultValue,
        String acceptedForm,
        Function<String, Object> parser,
        BiConsumer<StrataBuilder, Object> assign) {
      this.key = key;
      this.builderMethod = builderMethod;
      this.defaultValue = defaultValue;
      this.acceptedForm = acceptedForm;
      this.parser = parser;
      this.assign = assign;
    }

    String propertyName() {
      return "strata." + key;
    }

    String environmentName() {
      return "STRATA_" + name();
    }

    /** The builder method that sets this option explicitly. */
    String builderMethod() {
      return builderMethod;
    }

    /** The default, as the README's table states it. */
    String defaultValue() {
      return defaultValue;
    }

    /** What a value from the environment or a file must look like. */
    String acceptedForm() {
      return acceptedForm;
    }

    static Option byProperty(String property) {
      return Arrays.stream(values())
          .filter(o -> o.propertyName().equals(property))
          .findFirst()
          .orElse(null);
    }

    static Option byEnvironment(String variable) {
      return Arrays.stream(values())
          .filter(o -> o.environmentName().equals(variable))
          .findFirst()
          .orElse(null);
    }

    /** The value of {@code text}, or an error naming the key, its source and the accepted form. */
    Object parse(String text, String source) {
      String value = text.strip();
      try {
        return parser.apply(value);
      } catch (IllegalArgumentException e) {
        throw new StrataException(
            "Invalid value '" + value + "' for " + source + ": expected " + acceptedForm, e);
      }
    }

    private static Boolean parseBoolean(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new IllegalArgumentException("expected true or false");
      };
    }
  }
}
