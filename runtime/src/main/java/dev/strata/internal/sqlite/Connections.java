package dev.strata.internal.sqlite;

import dev.strata.StrataException;
import dev.strata.sql.Dialect;
import dev.strata.sql.SqliteSettings;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens connections for the engine, from a URL or the user's {@link DataSource}.
 *
 * <p>A connection that writes ({@link #open}) gets the production PRAGMAs: {@link SqliteSettings},
 * the ones that decide what statements do and that the processor's compile-time replay uses too,
 * then WAL and {@code synchronous = NORMAL}. A connection that only reads ({@link #openReadOnly}:
 * info, validate, the checks before migrate writes) is opened read-only ({@code
 * SQLITE_OPEN_READONLY}, which SQLite enforces whatever the file's permissions and the user), never
 * creates a file, and gets only {@link SqliteSettings} and {@code busy_timeout}, none of which
 * writes: the main file stays byte-identical, and a rollback-journal database stays one and gets no
 * side file (a WAL database may get its {@code -shm}, which SQLite needs even to read).
 *
 * <p>A user's {@link DataSource} opens connections its own way, usually read-write, and may create
 * a missing file: Strata cannot make them read-only. Reads through it still set no PRAGMA that
 * writes and run no write, so an existing file stays byte-identical.
 *
 * <p>Connections are left in auto-commit mode: the engine issues {@code BEGIN IMMEDIATE} itself,
 * because sqlite-jdbc's own transactions begin eagerly and would hold the write lock between steps.
 *
 * <p>A PostgreSQL URL ({@link Dialect#ofUrl}) opens a plain driver connection: the server's
 * settings are the database administrator's, so none is set, and a read-only one is made so for its
 * session ({@code default_transaction_read_only}). A database that does not exist is a {@link
 * MissingDatabaseException} for a read; Strata never creates a PostgreSQL database.
 */
public final class Connections {
  private static final System.Logger LOG = System.getLogger("dev.strata");
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_CANTOPEN = 14;
  private static final String PREFIX = "jdbc:sqlite:";
  private static final String INVALID_CATALOG = "3D000";
  private static final Pattern PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

  private final String url;
  private final DataSource dataSource;
  private final Duration busyTimeout;
  private final Duration setupTimeout;

  /** Known from the URL, or learnt from the first connection a DataSource gives. */
  private volatile Dialect dialect;

  public Connections(
      String url, DataSource dataSource, Duration busyTimeout, Duration setupTimeout) {
    this.url = url;
    this.dataSource = dataSource;
    this.busyTimeout = busyTimeout;
    this.setupTimeout = setupTimeout;
    this.dialect = url == null ? null : Dialect.ofUrl(url).orElse(Dialect.SQLITE);
  }

  /** Where the database is, for messages. */
  public String describe() {
    // A PostgreSQL URL may carry a password; messages and logs must not.
    return url != null ? PASSWORD.matcher(url).replaceAll("$1***") : "DataSource " + dataSource;
  }

  /**
   * A connection to write with, and the production PRAGMAs. Only {@code create} may make a new
   * database file. A DataSource opens files its own way.
   */
  public Connection open(boolean create) throws SQLException {
    if (isPostgresUrl()) {
      return configure(openPostgres(false), true);
    }
    Connection connection =
        dataSource != null ? dataSource.getConnection() : openUrl(openConfig(create), create);
    return configure(connection, true);
  }

  /**
   * A read-only connection that sets no PRAGMA that writes; a missing database is a {@link
   * MissingDatabaseException}, and nothing is created.
   */
  public Connection openReadOnly() throws SQLException {
    if (dataSource != null) {
      return configure(dataSource.getConnection(), false);
    }
    if (isPostgresUrl()) {
      return configure(openPostgres(true), false);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.resetOpenMode(SQLiteOpenMode.CREATE);
    return configure(openUrl(config, false), false);
  }

  private Connection configure(Connection connection, boolean write) throws SQLException {
    try {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      if (dialect == null) {
        dialect = Dialect.of(connection);
      }
      if (dialect == Dialect.SQLITE) {
        applyPragmas(connection, write);
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** The dialect of the database: from the URL, or asked of a connection of the DataSource. */
  public Dialect dialect() throws SQLException {
    if (dialect == null) {
      try (Connection connection = dataSource.getConnection()) {
        dialect = Dialect.of(connection);
      }
    }
    return dialect;
  }

  private boolean isPostgresUrl() {
    return url != null && Dialect.ofUrl(url).orElse(null) == Dialect.POSTGRESQL;
  }

  /** A connection of the PostgreSQL URL; a missing database is reported, never created. */
  private Connection openPostgres(boolean readOnly) throws SQLException {
    Connection connection;
    try {
      connection = DriverManager.getConnection(url);
    } catch (SQLException e) {
      if (INVALID_CATALOG.equals(e.getSQLState())) {
        String why =
            "No database at "
                + describe()
                + ": "
                + Dialect.message(e)
                + ". Strata does not create PostgreSQL databases: create it (CREATE DATABASE),"
                + " then run migrate()";
        throw readOnly ? new MissingDatabaseException(why, e) : new StrataException(why, e);
      }
      throw e;
    }
    if (readOnly) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
    }
    return connection;
  }

  private static SQLiteConfig openConfig(boolean create) {
    SQLiteConfig config = new SQLiteConfig();
    if (!create) {
      config.resetOpenMode(SQLiteOpenMode.CREATE);
    }
    return config;
  }

  private Connection openUrl(SQLiteConfig config, boolean create) throws SQLException {
    // SQLite reports these as SQLITE_CANTOPEN or, for a directory, as a later I/O error.
    Optional<String> unusable = unusablePath();
    if (unusable.isPresent()) {
      throw new StrataException(unusable.get());
    }
    try {
      return DriverManager.getConnection(url, config.toProperties());
    } catch (SQLException e) {
      if ((e.getErrorCode() & 0xff) == SQLITE_CANTOPEN) {
        Optional<String> why = cannotOpen(create);
        if (why.isPresent()) {
          if (!create && why.get().startsWith("No database at")) {
            throw new MissingDatabaseException(why.get(), e);
          }
          throw new StrataException(why.get(), e);
        }
      }
      throw e;
    }
  }

  /** A path that no database can be at: a directory, or inside a missing directory. */
  private Optional<String> unusablePath() {
    Optional<Path> found = file();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Path file = found.get();
    Path parent = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)) {
      return Optional.of(
          "The database path of " + url + " is a directory, not a file: name a file in it");
    }
    if (parent != null && !Files.isDirectory(parent)) {
      return Optional.of(
          Files.exists(parent)
              ? "The database path of " + url + " is inside " + parent + ", which is a file"
              : "The directory "
                  + parent
                  + " of the database "
                  + url
                  + " does not exist; create it first");
    }
    return Optional.empty();
  }

  /** Why SQLite could not open the URL's file, from what the file system says. */
  private Optional<String> cannotOpen(boolean create) {
    Optional<Path> found = file();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Path file = found.get();
    Path parent = file.toAbsolutePath().getParent();
    if (!Files.exists(file)) {
      if (!create) {
        return Optional.of(
            "No database at "
                + url
                + ": it is opened without creating it, so check the path, or run migrate() first");
      }
      return readOnlyPlace(parent)
          .map(where -> "Cannot create the database " + file + ": " + where);
    }
    return Optional.empty();
  }

  /**
   * Names the read-only file, directory or file system behind an SQLITE_READONLY or SQLITE_CANTOPEN
   * failure of this URL's database, if that is what it is.
   */
  public Optional<String> readOnlyCause(SQLException e) {
    int code = e.getErrorCode() & 0xff;
    if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN) {
      return Optional.empty();
    }
    Optional<Path> found = file();
    if (found.isEmpty() || !Files.isRegularFile(found.get())) {
      return Optional.empty();
    }
    Path file = found.get();
    Optional<String> place = readOnlyPlace(file);
    if (place.isPresent()) {
      return place;
    }
    if (!Files.isWritable(file)) {
      return Optional.of("the database file " + file + " is read-only");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isWritable(parent)) {
      return Optional.of(
          "the directory "
              + parent
              + " is read-only, and SQLite must create "
              + file.getFileName()
              + "-wal and -shm (or -journal) beside the database to write to it");
    }
    if (code == SQLITE_READONLY && url.contains("mode=ro")) {
      return Optional.of("the URL opens the database file " + file + " read-only (mode=ro)");
    }
    return Optional.empty();
  }

  /** A read-only file system under {@code path}, if it is on one. */
  private static Optional<String> readOnlyPlace(Path path) {
    try {
      Path existing = path.toAbsolutePath();
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null && Files.getFileStore(existing).isReadOnly()) {
        return Optional.of(
            path + " is on a read-only file system (" + Files.getFileStore(existing) + ")");
      }
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The database file of a URL ({@code jdbc:sqlite:path[?params]} or {@code
   * jdbc:sqlite:file:path[?params]}), if it names one.
   */
  public Optional<Path> file() {
    if (url == null || !url.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String path = url.substring(PREFIX.length());
    int query = path.indexOf('?');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    if (path.startsWith("file:")) {
      path = path.substring("file:".length());
      if (path.startsWith("//")) {
        int slash = path.indexOf('/', 2);
        path = slash < 0 ? "" : path.substring(slash);
      }
      path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
    if (path.isBlank() || path.startsWith(":memory:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(path));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** Whether the connection's database is in WAL mode already; asking changes nothing. */
  public static boolean isWal(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA journal_mode")) {
      return rs.next() && rs.getString(1).equalsIgnoreCase("wal");
    }
  }

  private void applyPragmas(Connection connection, boolean write) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // busy_timeout first, so that the others already wait politely.
      statement.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
      Busy.remember(connection, busyTimeout.toMillis());
      if (!write) {
        // None of these writes; even a PRAGMA must read the schema, which can meet SQLITE_BUSY.
        Busy.retry(
            "PRAGMA setup",
            setupTimeout,
            () -> {
              SqliteSettings.apply(statement);
              return null;
            });
        return;
      }
      // Even a PRAGMA must read the schema, and the first switch of a file to WAL takes an
      // exclusive lock; both can fail with SQLITE_BUSY at once. All of these are idempotent.
      String mode =
          Busy.retry(
              connection,
              "the connection's PRAGMA settings (journal_mode = WAL needs the database to itself"
                  + " the first time)",
              setupTimeout,
              () -> {
                SqliteSettings.apply(statement);
                statement.execute("PRAGMA synchronous = NORMAL");
                try (ResultSet rs = statement.executeQuery("PRAGMA journal_mode = WAL")) {
                  return rs.next() ? rs.getString(1) : "";
                }
              });
      if (!mode.toLowerCase(Locale.ROOT).equals("wal")) {
        // In-memory databases report "memory": WAL does not apply to them.
        LOG.log(
            System.Logger.Level.DEBUG, "journal_mode is {0}, not wal, for {1}", mode, describe());
      }
    }
  }
}
