package dev.strata.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code strata} command: the entry point of the runnable jar. */
@Command(
    name = "strata",
    description = "Migrates, describes and checks a Strata SQLite database.",
    // INHERIT gives every subcommand --help and --version too.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = StrataCli.Version.class,
    subcommands = {
      MigrateCommand.class,
      InfoCommand.class,
      ValidateCommand.class,
      RollbackCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      HealthCommand.class,
      BaselineCommand.class,
      RepairCommand.class,
      NewCommand.class
    },
    footer = {
      "",
      "Exit codes: 0 ok, 1 validation or migration failure (health: DOWN), 2 usage error.",
      "Settings not given as options come from STRATA_* variables, then --config, as in the API."
    })
public final class StrataCli implements Runnable {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int exitCode = run(args, out, err);
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /** Runs one command line and returns its exit code. */
  static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new StrataCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(StrataCli::usageError);
    commandLine.setExecutionExceptionHandler(StrataCli::failure);
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing command: give one of "
            + String.join(", ", spec.subcommands().keySet())
            + ", such as 'strata migrate --url app.db --classpath target/classes'");
  }

  /** A bad command line or configuration: one line naming it, and where the help is. */
  private static int usageError(ParameterException error, String[] args) {
    CommandLine commandLine = error.getCommandLine();
    String name = commandLine.getCommandSpec().qualifiedName();
    PrintWriter err = commandLine.getErr();
    err.println(name + ": " + oneLine(error.getMessage()) + " (see '" + name + " --help')");
    if (verbose(commandLine) && error.getCause() != null) {
      error.getCause().printStackTrace(err);
    }
    err.flush();
    return ExitCode.USAGE;
  }

  /** A command that failed while running: one line, and the stack trace only with --verbose. */
  private static int failure(Exception error, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    String message = error.getMessage() != null ? error.getMessage() : error.toString();
    err.println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(message));
    if (verbose(commandLine)) {
      error.printStackTrace(err);
    }
    err.flush();
    return ExitCode.FAILURE;
  }

  private static boolean verbose(CommandLine commandLine) {
    return commandLine.getCommand() instanceof CliCommand command && command.verbose;
  }

  /** Strata's messages may span lines (the failing statement, then its cause): keep one. */
  static String oneLine(String message) {
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /** The version in the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = StrataCli.class.getPackage().getImplementationVersion();
      return new String[] {
        "strata " + (version != null ? version : "(unpackaged)"),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
