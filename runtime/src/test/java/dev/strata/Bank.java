package dev.strata;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The database of the backup and restore tests: customers, their accounts (a foreign key), and a
 * ledger of transfers between accounts (two foreign keys), whose balances always sum to zero and
 * whose {@code meta.transfers} counts the ledger's rows. Both invariants hold in every committed
 * state, so a copy that mixed two states would break one.
 */
final class Bank {
  private Bank() {}

  static final MigrationDescriptor V1 =
      TestMigrations.sql(
          1,
          "create customers and accounts",
          "CREATE TABLE customer (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
              + " CREATE TABLE account (id INTEGER PRIMARY KEY,"
              + " customer_id INTEGER NOT NULL REFERENCES customer (id),"
              + " balance INTEGER NOT NULL DEFAULT 0);"
              + " CREATE INDEX ix_account_customer_id ON account (customer_id);");

  static final MigrationDescriptor V2 =
      TestMigrations.sql(
          2,
          "create the ledger",
          "CREATE TABLE ledger (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " source INTEGER NOT NULL REFERENCES account (id),"
              + " target INTEGER NOT NULL REFERENCES account (id),"
              + " amount INTEGER NOT NULL CHECK (amount > 0), memo BLOB);"
              + " CREATE TABLE meta (id INTEGER PRIMARY KEY CHECK (id = 1),"
              + " transfers INTEGER NOT NULL, label TEXT NOT NULL);"
              + " INSERT INTO meta VALUES (1, 0, 'fresh');");

  static final MigrationDescriptor V3 =
      new MigrationDescriptor(
          3,
          "create notes",
          MigrationType.SQL,
          TestMigrations.checksum("create notes"),
          true,
          true,
          true,
          false,
          "test.V3",
          () ->
              new SqlMigration(
                  List.of("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)"),
                  List.of("DROP TABLE note")));

  /** V2 with other SQL: an application whose history diverged at version 2. */
  static final MigrationDescriptor V2_EDITED =
      TestMigrations.sql(
          2,
          "create the ledger",
          "CREATE TABLE ledger (id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " source INTEGER NOT NULL REFERENCES account (id),"
              + " target INTEGER NOT NULL REFERENCES account (id),"
              + " amount INTEGER NOT NULL CHECK (amount > 0), memo BLOB, extra TEXT);"
              + " CREATE TABLE meta (id INTEGER PRIMARY KEY CHECK (id = 1),"
              + " transfers INTEGER NOT NULL, label TEXT NOT NULL);"
              + " INSERT INTO meta VALUES (1, 0, 'fresh');");

  static final List<MigrationDescriptor> CHAIN = List.of(V1, V2);

  static Strata strata(Path file, List<MigrationDescriptor> chain) {
    return Strata.configure()
        .url(Db.url(file))
        .registry(TestMigrations.registry(chain))
        .lockTimeout(Duration.ofSeconds(60))
        .load();
  }

  static Strata strata(Path file) {
    return strata(file, CHAIN);
  }

  static Connection connect(Path file) throws SQLException {
    Connection c = DriverManager.getConnection(Db.url(file));
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 60000");
      s.execute("PRAGMA foreign_keys = ON");
    }
    return c;
  }

  /** Migrates and fills {@code customers} customers with two accounts each, and transfers. */
  static void populate(Path file, int customers, int transfers, int memoBytes, String label)
      throws SQLException {
    strata(file).migrate();
    try (Connection c = connect(file)) {
      c.setAutoCommit(false);
      try (PreparedStatement customer = c.prepareStatement("INSERT INTO customer VALUES (?, ?)");
          PreparedStatement account =
              c.prepareStatement("INSERT INTO account (id, customer_id) VALUES (?, ?)")) {
        for (int i = 1; i <= customers; i++) {
          customer.setInt(1, i);
          customer.setString(2, label + "-customer-" + i);
          customer.addBatch();
          for (int a = 0; a < 2; a++) {
            account.setInt(1, 2 * i - 1 + a);
            account.setInt(2, i);
            account.addBatch();
          }
        }
        customer.executeBatch();
        account.executeBatch();
      }
      try (Statement s = c.createStatement()) {
        s.execute("UPDATE meta SET label = '" + label + "'");
      }
      c.commit();
      try (Teller teller = new Teller(c, new Random(label.hashCode()), 2 * customers, memoBytes)) {
        for (int t = 0; t < transfers; t++) {
          teller.transfer();
        }
      }
      c.commit();
    }
  }

  /** Makes transfers on one connection, inside its caller's transactions. */
  static final class Teller implements AutoCloseable {
    private final PreparedStatement ledger;
    private final PreparedStatement move;
    private final PreparedStatement count;
    private final Random random;
    private final int accounts;
    private final int memoBytes;

    Teller(Connection c, Random random, int accounts, int memoBytes) throws SQLException {
      this.ledger =
          c.prepareStatement(
              "INSERT INTO ledger (source, target, amount, memo) VALUES (?, ?, ?, ?)");
      this.move = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
      this.count = c.prepareStatement("UPDATE meta SET transfers = transfers + 1");
      this.random = random;
      this.accounts = accounts;
      this.memoBytes = memoBytes;
    }

    /** One transfer: both invariants hold once the caller commits. */
    void transfer() throws SQLException {
      int source = 1 + random.nextInt(accounts);
      int target = 1 + (source + random.nextInt(accounts - 1)) % accounts;
      int amount = 1 + random.nextInt(1000);
      byte[] memo = new byte[memoBytes];
      random.nextBytes(memo);
      ledger.setInt(1, source);
      ledger.setInt(2, target);
      ledger.setInt(3, amount);
      ledger.setBytes(4, memo);
      ledger.executeUpdate();
      move.setInt(1, -amount);
      move.setInt(2, source);
      move.executeUpdate();
      move.setInt(1, amount);
      move.setInt(2, target);
      move.executeUpdate();
      count.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
      ledger.close();
      move.close();
      count.close();
    }
  }

  /** The invariants, read in one transaction: "" when they hold, else what broke. */
  static String broken(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      long sum = single(s, "SELECT coalesce(sum(balance), 0) FROM account");
      long counted = single(s, "SELECT count(*) FROM ledger");
      long recorded = single(s, "SELECT transfers FROM meta");
      List<String> problems = new ArrayList<>();
      if (sum != 0) {
        problems.add("balances sum to " + sum);
      }
      if (counted != recorded) {
        problems.add("ledger has " + counted + " rows, meta says " + recorded);
      }
      return String.join("; ", problems);
    } finally {
      c.commit();
      c.setAutoCommit(auto);
    }
  }

  static long single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * A digest of every row of every table (history included) in key order, and of every foreign key
   * declaration: equal exactly when two databases hold the same data and the same references.
   */
  static String contents(Path file) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (Connection c = connect(file);
        Statement s = c.createStatement()) {
      for (String table : Db.tables(file)) {
        sha.update(("table " + table).getBytes());
        try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY 1, 2")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              byte[] value = rs.getBytes(i);
              sha.update(value == null ? new byte[] {0} : value);
              sha.update((byte) 1);
            }
          }
        }
        try (ResultSet rs = s.executeQuery("PRAGMA foreign_key_list(\"" + table + "\")")) {
          while (rs.next()) {
            sha.update(
                (rs.getString("table") + rs.getString("from") + rs.getString("to")).getBytes());
          }
        }
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
