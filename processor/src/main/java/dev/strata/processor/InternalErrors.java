package dev.strata.processor;

import java.util.Arrays;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;

/**
 * Turns a bug in the processor into one {@code [InternalError]} on the element being processed, so
 * that javac reports it in place instead of crashing. The message carries the top of the stack
 * trace, which is what a bug report needs.
 */
final class InternalErrors {
  private static final int FRAMES = 8;

  private InternalErrors() {}

  static ValidationReport.Builder report(
      ValidationReport.Builder report, Element element, Throwable error) {
    return report.report(Diagnostic.INTERNAL_ERROR, element, describe(error));
  }

  static String describe(Throwable error) {
    String frames = Arrays.stream(error.getStackTrace()).limit(FRAMES)
        .map(frame -> "\n\tat " + frame).collect(Collectors.joining());
    return error + frames;
  }
}
