package dev.strata.internal.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strata.sql.SqliteSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * Every connection the engine opens gets {@link SqliteSettings}, whatever the user's DataSource set
 * before: they decide what statements do, and the processor's compile-time replay uses the same.
 */
class ConnectionSettingsTest {
  @TempDir Path temp;

  /** A DataSource whose connections come with the opposite of every setting. */
  private static final class ContraryDataSource extends SQLiteDataSource {
    @Override
    public SQLiteConnection getConnection() throws SQLException {
      SQLiteConnection connection = (SQLiteConnection) super.getConnection();
      try (Statement statement = connection.createStatement()) {
        for (String pragma : SqliteSettings.PRAGMAS) {
          statement.execute(
              pragma.endsWith("ON")
                  ? pragma.replace("= ON", "= OFF")
                  : pragma.replace("= OFF", "= ON"));
        }
      }
      return connection;
    }
  }

  @Test
  void everySettingIsAppliedOverTheDataSourcesOwn() throws SQLException {
    ContraryDataSource dataSource = new ContraryDataSource();
    dataSource.setUrl("jdbc:sqlite:" + temp.resolve("app.db"));
    Connections connections =
        new Connections(null, dataSource, Duration.ofSeconds(1), Duration.ofSeconds(5));

    try (Connection connection = connections.open(true);
        Statement statement = connection.createStatement()) {
      List<String> expected = new ArrayList<>();
      List<String> actual = new ArrayList<>();
      for (String pragma : SqliteSettings.PRAGMAS) {
        String name = pragma.substring("PRAGMA ".length(), pragma.indexOf(" ="));
        expected.add(name + "=" + (pragma.endsWith("ON") ? 1 : 0));
        if (name.equals("case_sensitive_like")) {
          actual.add(name + "=" + likeIsCaseSensitive(statement));
          continue;
        }
        try (ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
          rows.next();
          actual.add(name + "=" + rows.getInt(1));
        }
      }
      assertEquals(expected, actual);
    }
  }

  /** case_sensitive_like can be set but not read. */
  private static int likeIsCaseSensitive(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("SELECT 'A' LIKE 'a'")) {
      rows.next();
      return rows.getInt(1) == 1 ? 0 : 1;
    }
  }

  @Test
  void foreignKeysStatementSwitchesEnforcement() {
    assertEquals("PRAGMA foreign_keys = OFF", SqliteSettings.foreignKeys(false));
    assertEquals(
        "pragma foreign_keys = on", SqliteSettings.foreignKeys(true).toLowerCase(Locale.ROOT));
  }
}
