package dev.strata.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is an interactive terminal, where a live progress line makes sense. */
final class Terminal {
  private Terminal() {}

  static boolean isTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    // From JDK 22 System.console() is not null when output is redirected too; isTerminal() tells.
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before JDK 22: a console exists only on a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }
}
