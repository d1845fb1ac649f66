package dev.strata.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every subcommand shares: {@code --verbose}, and its output streams. */
abstract class CliCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print the stack trace of an error, not only its one-line message.")
  boolean verbose;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
