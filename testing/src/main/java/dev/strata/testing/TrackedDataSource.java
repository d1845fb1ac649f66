package dev.strata.testing;

import dev.strata.sql.Dialect;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Connections to one test database: on SQLite with the production PRAGMAs ({@code foreign_keys=ON},
 * {@code journal_mode=WAL}, {@code synchronous=NORMAL}, a busy timeout). It remembers what it
 * handed out, so the extension can close every connection before it deletes or keeps the database.
 */
final class TrackedDataSource implements DataSource {
  /** The runtime's default busy timeout. */
  static final int BUSY_TIMEOUT_MS = 5_000;

  private final DataSource delegate;
  private final List<Connection> opened = new CopyOnWriteArrayList<>();

  private TrackedDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** Connections to the database at {@code url}, of {@code dialect}. */
  static TrackedDataSource of(Dialect dialect, String url) {
    return dialect == Dialect.SQLITE ? sqlite(url) : postgres(url);
  }

  /** Connections to the SQLite file at {@code file}, with the production PRAGMAs. */
  static TrackedDataSource sqlite(Path file) {
    return sqlite(url(file));
  }

  private static TrackedDataSource sqlite(String url) {
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    SQLiteDataSource delegate = new SQLiteDataSource(config);
    delegate.setUrl(url);
    return new TrackedDataSource(delegate);
  }

  /** Connections to the PostgreSQL database at {@code url}. */
  private static TrackedDataSource postgres(String url) {
    return new TrackedDataSource(PostgresTestServer.dataSource(url));
  }

  static String url(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = delegate.getConnection();
    opened.add(connection);
    return connection;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  /** Closes every connection handed out, and returns the first failure, if any. */
  SQLException closeAll() {
    SQLException failure = null;
    for (Connection connection : opened) {
      try {
        if (!connection.isClosed()) {
          if (!connection.getAutoCommit()) {
            connection.rollback();
          }
          connection.close();
        }
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    opened.clear();
    return failure;
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return delegate.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || delegate.isWrapperFor(iface);
  }
}
