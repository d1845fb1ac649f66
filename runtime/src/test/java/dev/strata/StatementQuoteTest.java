package dev.strata;

import static dev.strata.TestMigrations.presplit;
import static dev.strata.TestMigrations.registry;
import static dev.strata.TestMigrations.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strata.spi.MigrationDescriptor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing statement is quoted in full when short, and as a bounded excerpt with its length and
 * position when long: a megabyte literal must not make a megabyte message.
 */
class StatementQuoteTest {
  private static final MigrationDescriptor V1 = sql(1, "create blob", "CREATE TABLE blob (v TEXT)");

  /** Under SQLite's default limit of 1,000,000 bytes per statement. */
  private static final String LITERAL = "x".repeat(500_000);

  @TempDir Path dir;

  private MigrationException fail(String... statements) {
    Strata strata =
        Strata.configure()
            .url(Db.url(dir.resolve("app.db")))
            .registry(registry(V1, presplit(2, "big", List.of(statements))))
            .load();
    return assertThrows(MigrationException.class, strata::migrate);
  }

  private static String grouped(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  @Test
  void aMegabyteStatementGivesABoundedMessageThatNamesItsNumberAndLength() {
    String statement = "INSERT INTO blob (v) VALUES ('" + "x".repeat(1 << 20) + "')";
    MigrationException e = fail("INSERT INTO blob (v) VALUES ('small')", statement);

    String message = e.getMessage();
    assertTrue(message.length() < 1_000, message.length() + " characters: " + message);
    assertEquals(
        "Migration 2 (big) failed at statement 2 of up, 1,048,608 characters, quoted from"
            + " character 1 to 200: INSERT INTO blob (v) VALUES ('"
            + "x".repeat(170)
            + "...\nCause: statement too long",
        message);
    assertEquals(statement, e.statement().orElseThrow(), "the whole statement stays available");
    assertEquals(0, Db.count(dir.resolve("app.db"), "blob"), "the step rolled back");
  }

  @Test
  void theExcerptIsTakenAroundTheTokenSqliteNames() {
    String statement = "INSERT INTO blob (v) VALUES ('" + LITERAL + "') oops";
    String message = fail(statement).getMessage();

    int at = statement.indexOf("oops");
    assertTrue(message.length() < 1_000, message.length() + " characters");
    assertEquals(
        "Migration 2 (big) failed at statement 1 of up, "
            + grouped(statement.length())
            + " characters, quoted from character "
            + grouped(statement.length() - 199)
            + " to "
            + grouped(statement.length())
            + ": ..."
            + statement.substring(statement.length() - 200)
            + "\nCause: near \"oops\": syntax error",
        message);
    assertTrue(message.contains("') oops"), "the error is in the excerpt: " + at);
  }

  @Test
  void withoutAKnownPositionTheExcerptIsTheStart() {
    String statement = "INSERT INTO nowhere (v) VALUES ('" + LITERAL + "')";
    String message = fail(statement).getMessage();

    assertTrue(message.length() < 1_000, message.length() + " characters");
    assertEquals(
        "Migration 2 (big) failed at statement 1 of up, "
            + grouped(statement.length())
            + " characters, quoted from character 1 to 200: "
            + statement.substring(0, 200)
            + "...\nCause: no such table: nowhere",
        message);
  }

  @Test
  void sqlitesOwnMessageIsBoundedToo() {
    // SQLite quotes the whole unterminated literal back in its message.
    String message = fail("SELECT '" + LITERAL).getMessage();

    assertTrue(message.length() < 1_000, message.length() + " characters");
    assertTrue(message.contains("\nCause: unrecognized token: \"'xxx"), message);
    String sqlites = "unrecognized token: \"'" + LITERAL + "\"";
    assertTrue(message.endsWith("... (" + grouped(sqlites.length()) + " characters)"), message);
  }

  @Test
  void aShortStatementIsQuotedWhole() {
    String message = fail("SELECT * FROM nowhere").getMessage();

    assertEquals(
        "Migration 2 (big) failed at statement 1 of up: SELECT * FROM nowhere\n"
            + "Cause: no such table: nowhere",
        message);
  }
}
