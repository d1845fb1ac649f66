package dev.strata.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** UtcInstants gives what Instant.parse and Instant.toString give, on and off its fast path. */
class UtcInstantsTest {
  @Test
  void formatsAndParsesAsInstantDoes() {
    SplittableRandom random = new SplittableRandom(18);
    long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      long seconds = random.nextLong(min, max);
      int nano =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(seconds, nano);
      String text = instant.toString();
      assertEquals(text, UtcInstants.format(instant));
      assertEquals(instant, UtcInstants.parse(text));
    }
    Instant now = Instant.now();
    assertEquals(now.toString(), UtcInstants.format(now));
  }

  @Test
  void textOffTheFastPathIsInstantsToParseOrRefuse() {
    for (String text :
        List.of(
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00.5Z",
            "2026-01-01T00:00:00.123456789Z",
            "2026-01-01t00:00:00z",
            "2026-01-01T00:00:00+01:00",
            "2016-12-31T23:59:60Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00.Z",
            "0999-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:00.1234567890Z",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00:00",
            "yesterday",
            "")) {
      assertEquals(
          outcome(() -> Instant.parse(text)), outcome(() -> UtcInstants.parse(text)), text);
    }
    assertThrows(DateTimeParseException.class, () -> UtcInstants.parse("2026-02-30T00:00:00Z"));
  }

  /** The instant parsed, or the name of the exception thrown. */
  private static Object outcome(Supplier<Instant> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      return e.getClass().getName();
    }
  }
}
