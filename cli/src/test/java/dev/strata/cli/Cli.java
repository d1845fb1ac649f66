package dev.strata.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged {@code strata} jar in a child JVM, as an operator would. */
final class Cli {
  /** The shaded jar, built by {@code package} before failsafe runs these tests. */
  static final Path JAR = Path.of(System.getProperty("strata.cli.jar", "target/strata-cli.jar"));

  private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private final Path workDir;
  private final Map<String, String> environment;

  private Cli(Path workDir, Map<String, String> environment) {
    this.workDir = workDir;
    this.environment = environment;
  }

  /** Runs in {@code workDir}, with no {@code STRATA_*} variable from the test's environment. */
  static Cli in(Path workDir) {
    return new Cli(workDir, Map.of());
  }

  /** The same, with these environment variables set. */
  Cli withEnvironment(Map<String, String> variables) {
    return new Cli(workDir, variables);
  }

  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {
    /** For assertion messages: everything the run said. */
    String transcript() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  Result run(String... args) throws IOException, InterruptedException {
    // C1 only: these runs are short, and the machine is shared.
    List<String> command =
        new ArrayList<>(
            List.of(JAVA.toString(), "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return exec(command);
  }

  /** Runs {@code command} with its output captured to files, so neither pipe can fill up. */
  Result exec(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(workDir, "out", ".txt");
    Path err = Files.createTempFile(workDir, "err", ".txt");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("STRATA_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("strata did not finish in 2 minutes: " + command);
    }
    Result result =
        new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return result;
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
