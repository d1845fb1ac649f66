package dev.strata.processor.base;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;

/**
 * Turns a bug in the processor into one {@code [InternalError]} on the element being processed, so
 * that javac reports it in place instead of crashing. The message carries the top of the stack
 * trace, which is what a bug report needs. This is the processor's only catch of unexpected
 * failures: {@link RuntimeException} and {@link LinkageError} (a missing or mismatched class on the
 * processor path).
 */
public final class InternalErrors {
  private static final int FRAMES = 8;

  private InternalErrors() {}

  /** Runs {@code work}; an unexpected failure is reported on {@code element} and yields empty. */
  public static <T> Optional<T> guard(
      Element element, ValidationReport.Builder report, Supplier<Optional<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException | LinkageError e) {
      report.report(Diagnostic.INTERNAL_ERROR, element, describe(e));
      return Optional.empty();
    }
  }

  /** As {@link #guard}, for work that only reports. */
  public static void guard(Element element, ValidationReport.Builder report, Runnable work) {
    guard(
        element,
        report,
        () -> {
          work.run();
          return Optional.empty();
        });
  }

  /** The failure and the top of its stack trace, as the {@code [InternalError]} shows them. */
  public static String describe(Throwable error) {
    String frames =
        Arrays.stream(error.getStackTrace())
            .limit(FRAMES)
            .map(frame -> "\n\tat " + frame)
            .collect(Collectors.joining());
    return error + frames;
  }
}
