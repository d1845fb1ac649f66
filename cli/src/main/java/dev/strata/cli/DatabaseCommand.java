package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.StrataBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * A subcommand that works on a database: the options that configure it, and the {@link Strata}
 * built from them. Its settings have the API's sources and precedence: an option here is an
 * explicit builder call, then the {@code STRATA_*} environment, then the {@code --config} file.
 */
abstract class DatabaseCommand extends CliCommand {
  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "The database: a JDBC URL such as jdbc:sqlite:app.db, or a file path.")
  String url;

  @Option(
      names = {"-cp", "--classpath"},
      paramLabel = "PATH",
      description =
          "The application's classes: folders and jars holding its generated registry, separated"
              + " by '${sys:path.separator}'. Default: none, so the registry must be in this jar.")
  String classpath;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "A properties file of strata.* settings (strata.url and the others).")
  Path config;

  @Override
  public final Integer call() throws Exception {
    RuntimeLog.configure(verbose);
    try (URLClassLoader loader = applicationLoader()) {
      return run(strata(loader));
    }
  }

  /** Options of this command that are builder calls, such as a migration target. */
  void configure(StrataBuilder builder) {}

  abstract int run(Strata strata) throws Exception;

  /** Builds the {@link Strata}; what goes wrong here is a usage error, since nothing ran. */
  private Strata strata(ClassLoader loader) {
    try {
      StrataBuilder builder = Strata.configure().classLoader(loader);
      if (config != null) {
        builder.fromProperties(config);
      }
      builder.fromEnvironment();
      if (url != null) {
        builder.url(url);
      }
      configure(builder);
      return builder.load();
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /** The entries of {@code --classpath}, each of which must exist, below this jar's classes. */
  private URLClassLoader applicationLoader() {
    List<URL> urls = new ArrayList<>();
    if (classpath != null) {
      for (String entry : classpath.split(File.pathSeparator)) {
        if (entry.isBlank()) {
          continue;
        }
        Path path = Path.of(entry);
        if (!Files.exists(path)) {
          throw new ParameterException(
              spec.commandLine(),
              "The --classpath entry "
                  + path
                  + " does not exist: give the application's compiled classes (such as"
                  + " target/classes) or its jar");
        }
        urls.add(url(path));
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), DatabaseCommand.class.getClassLoader());
  }

  private static URL url(Path path) {
    try {
      return path.toAbsolutePath().toUri().toURL();
    } catch (MalformedURLException e) {
      throw new UncheckedIOException(new IOException("Cannot use " + path + " as a class path", e));
    }
  }
}
