package dev.strata.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.strata.processor.DiagnosticAssertions.assertErrorAt;
import static dev.strata.processor.DiagnosticAssertions.assertOnlyErrorAt;
import static dev.strata.processor.Sources.annotated;
import static dev.strata.processor.Sources.compile;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A {@code defaultValue} that the column's generated CHECK (enum constants, booleans' 0 and 1) or
 * its NOT NULL refuses would make every insert that leaves the column out fail: a compile error on
 * the attribute, decided by SQLite itself.
 */
class EntityDefaultsTest {
  private static final JavaFileObject STATUS =
      annotated("app.Status", "public enum Status { OPEN, DONE }\n");

  /** {@code app.Ticket} with {@code @Id long id} and one more field, {@code field}. */
  private static JavaFileObject ticket(String field) {
    return annotated(
        "app.Ticket",
        """
        @Entity
        public class Ticket {
          @Id long id;
          %s
        }
        """
            .formatted(field));
  }

  @Test
  void enumDefaultThatIsNoConstantIsRefusedOnTheAttribute() {
    JavaFileObject ticket = ticket("@Column(defaultValue = \"'CLOSED'\") Status status;");

    assertOnlyErrorAt(
        compile(STATUS, ticket),
        "[DefaultNotAllowed] Default value 'CLOSED' of column 'status' can never be stored: the"
            + " CHECK generated for enum Status allows only 'OPEN', 'DONE'. Hint: give a default"
            + " the column accepts, such as 'OPEN', or leave defaultValue out",
        ticket,
        "defaultValue = \"'CLOSED'\"");
  }

  /** SQLite compares with the column's collation, as the CHECK at run time does. */
  @Test
  void enumDefaultIsComparedAsSqliteCompares() {
    Compilation wrongCase = compile(STATUS, ticket("@Column(defaultValue = \"'open'\") Status s;"));
    assertThat(wrongCase).hadErrorContaining("[DefaultNotAllowed] Default value 'open'");
    assertThat(wrongCase).hadErrorCount(1);

    JavaFileObject nocase =
        ticket("@Column(defaultValue = \"'open'\", collate = \"NOCASE\") Status status;");
    assertThat(compile(STATUS, nocase)).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'OPEN'",
        "'DONE'",
        "(upper('done'))",
        "NULL",
      })
  void enumDefaultsTheCheckAcceptsCompile(String defaultValue) {
    JavaFileObject ticket =
        ticket("@Column(defaultValue = \"" + defaultValue + "\") Status status;");
    assertThat(compile(STATUS, ticket)).succeededWithoutWarnings();
  }

  @Test
  void nullDefaultOnANotNullEnumColumnIsRefused() {
    JavaFileObject ticket =
        ticket(
            """
            @Column(nullable = Nullability.NOT_NULL,
                defaultValue = "NULL") Status status;
            """);

    assertOnlyErrorAt(
        compile(STATUS, ticket),
        "[DefaultNotAllowed] Default value NULL of column 'status' can never be stored: the"
            + " column is NOT NULL",
        ticket,
        "defaultValue = \"NULL\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "1", "TRUE", "false", "'1'", "(1 + 0)"})
  void booleanDefaultsTheCheckAcceptsCompile(String defaultValue) {
    JavaFileObject ticket =
        ticket("@Column(defaultValue = \"" + defaultValue + "\") boolean urgent;");
    assertThat(compile(ticket)).succeededWithoutWarnings();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "-1", "'true'", "0.5"})
  void booleanDefaultOutsideZeroAndOneIsRefused(String defaultValue) {
    JavaFileObject ticket =
        ticket("@Column(defaultValue = \"" + defaultValue + "\") Boolean urgent;");

    Compilation c = compile(ticket);
    assertOnlyErrorAt(
        c,
        "[DefaultNotAllowed] Default value "
            + defaultValue
            + " of column 'urgent' can never be stored: the CHECK generated for a boolean allows"
            + " only 0, 1",
        ticket,
        "Boolean urgent;");
  }

  /** A user sqlType means a user encoding: no CHECK is generated, so any default may do. */
  @Test
  void enumWithItsOwnSqlTypeHasNoGeneratedCheckToPass() {
    JavaFileObject ticket =
        ticket("@Column(sqlType = \"TEXT\", defaultValue = \"'CLOSED'\") Status status;");
    assertThat(compile(STATUS, ticket)).succeededWithoutWarnings();
  }

  /** Every default of every entity is checked, each reported on its own attribute. */
  @Test
  void eachRefusedDefaultIsReported() {
    JavaFileObject ticket =
        ticket(
            """
            @Column(defaultValue = "'CLOSED'") Status status;
              @Column(defaultValue = "2") boolean urgent;
            """);

    Compilation c = compile(STATUS, ticket);
    assertThat(c).hadErrorCount(2);
    assertErrorAt(c, "column 'status'", ticket, "defaultValue = \"'CLOSED'\"");
    assertErrorAt(c, "column 'urgent'", ticket, "defaultValue = \"2\"");
  }
}
