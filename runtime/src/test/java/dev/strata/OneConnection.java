package dev.strata;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that hands out one real connection again and again, as a pool would, and
 * ignores the engine's {@code close()}: so a test can look at the very connection a command used,
 * after the command returned or threw.
 */
final class OneConnection extends PlainDataSource implements AutoCloseable {
  private final Connection real;
  private final Connection shared;

  OneConnection(Path file) throws SQLException {
    real = DriverManager.getConnection(Db.url(file));
    shared =
        (Connection)
            Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("close") && method.getParameterCount() == 0) {
                    return null;
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  /** {@code PRAGMA foreign_keys} on the shared connection: 1 when enforcement is on. */
  int foreignKeys() throws SQLException {
    try (Statement s = real.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA foreign_keys")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Whether a transaction is open on the shared connection: then BEGIN is refused. */
  boolean inTransaction() throws SQLException {
    try (Statement s = real.createStatement()) {
      try {
        s.execute("BEGIN");
      } catch (SQLException e) {
        return true;
      }
      s.execute("ROLLBACK");
      return false;
    }
  }

  @Override
  public Connection getConnection() {
    return shared;
  }

  @Override
  public Connection getConnection(String username, String password) {
    return shared;
  }

  @Override
  public void close() throws SQLException {
    real.close();
  }
}
