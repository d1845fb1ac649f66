package dev.strata.internal.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The proof on PostgreSQL that the claimant of a non-transactional step still runs: a session-level
 * advisory lock on the step's version, held by the claimant's connection from before its claim
 * commits until the step's outcome is committed. The server releases it when that session ends,
 * however the claimant died, so a caller that can take it while the claim row, read again, is still
 * unfinished knows the claimant is gone.
 *
 * <p>Session locks belong to a server session, so such steps need a connection of their own for
 * their whole run: a direct one, or a session-pooling PgBouncer, not a transaction-pooling one.
 */
public final class SessionClaim {
  /** The class of the two-int key space of claims ("stc" in ASCII); the version is the object. */
  private static final int CLAIMS = 0x737463;

  private SessionClaim() {}

  /** Takes the claim lock of {@code version} on this session if nobody holds it. */
  public static boolean tryLock(Connection connection, long version) throws SQLException {
    return call(connection, "pg_try_advisory_lock", version);
  }

  /** Releases this session's claim lock of {@code version}. */
  public static void unlock(Connection connection, long version) throws SQLException {
    call(connection, "pg_advisory_unlock", version);
  }

  private static boolean call(Connection connection, String function, long version)
      throws SQLException {
    try (PreparedStatement ps =
        connection.prepareStatement("SELECT " + function + "(" + CLAIMS + ", ?)")) {
      // Versions are longs; two versions sharing a key only make one wait for the other's claim.
      ps.setInt(1, Long.hashCode(version));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }
}
