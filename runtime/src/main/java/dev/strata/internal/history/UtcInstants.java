package dev.strata.internal.history;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#parse} and {@link Instant#toString} for the history's {@code installed_on}, with
 * the same results, without the general {@code DateTimeFormatter} on the common path: every
 * up-to-date start reads one instant per applied migration, and every step writes one. Text in the
 * shape {@code Instant.toString} gives for years 1000 to 9999 ({@code 2026-12-02T03:04:05.123Z}) is
 * handled here; anything else (other years, lower case, offsets, leap seconds, bad input) goes to
 * {@code Instant} itself, which then parses or fails exactly as before.
 */
public final class UtcInstants {
  private static final int SECONDS_PER_DAY = 86_400;
  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000
  };

  private UtcInstants() {}

  /** As {@link Instant#parse}: throws its {@code DateTimeParseException} for text it refuses. */
  public static Instant parse(String text) {
    Instant fast = fastParse(text);
    return fast != null ? fast : Instant.parse(text);
  }

  /** As {@link Instant#toString}. */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    LocalDate date;
    try {
      date = LocalDate.ofEpochDay(day);
    } catch (DateTimeException e) {
      return instant.toString();
    }
    if (date.getYear() < 1000 || date.getYear() > 9999) {
      return instant.toString();
    }
    StringBuilder text = new StringBuilder(30);
    text.append(date.getYear()).append('-');
    two(text, date.getMonthValue()).append('-');
    two(text, date.getDayOfMonth()).append('T');
    two(text, secondOfDay / 3600).append(':');
    two(text, secondOfDay / 60 % 60).append(':');
    two(text, secondOfDay % 60);
    int nano = instant.getNano();
    if (nano != 0) {
      // As ISO_INSTANT prints: 3, 6 or 9 digits, as many as the value needs.
      int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
      int value = nano / POWERS[9 - digits];
      text.append('.');
      for (int p = digits - 1; p >= 0; p--) {
        text.append((char) ('0' + value / POWERS[p] % 10));
      }
    }
    return text.append('Z').toString();
  }

  private static StringBuilder two(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date and time, else null. */
  private static Instant fastParse(String text) {
    int length = text.length();
    if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z') {
      return null;
    }
    if (text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 1000 || month < 0 || day < 0 || hour < 0 || hour > 23) {
      return null;
    }
    if (minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }
    int nano = 0;
    if (length > 20) {
      int fraction = length - 21;
      if (text.charAt(19) != '.' || fraction < 1) {
        return null;
      }
      int value = digits(text, 20, fraction);
      if (value < 0) {
        return null;
      }
      nano = value * POWERS[9 - fraction];
    }
    LocalDate date;
    try {
      date = LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      return null; // Instant.parse reports it in its own words
    }
    return Instant.ofEpochSecond(
        date.toEpochDay() * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nano);
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
