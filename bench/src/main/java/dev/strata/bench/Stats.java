package dev.strata.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Median and range of one figure over the measured runs of a contender. */
public record Stats(double median, double min, double max) {
  /** The statistics of {@code figure} over {@code samples}; NaN when there are none. */
  public static Stats of(List<Sample> samples, ToDoubleFunction<Sample> figure) {
    double[] values = samples.stream().mapToDouble(figure).filter(v -> v >= 0).sorted().toArray();
    if (values.length == 0) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN);
    }
    int n = values.length;
    double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    return new Stats(median, values[0], values[n - 1]);
  }

  /** The median of plain values. */
  public static double median(double... values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** {@code median (min–max)} with {@code decimals} digits. */
  public String format(int decimals) {
    if (Double.isNaN(median)) {
      return "n/a";
    }
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " (" + f + "–" + f + ")", median, min, max);
  }
}
