/**
 * The {@code strata} command line: every operation of {@link dev.strata.Strata} from a shell, over
 * the same builder, configuration table and precedence, with exit codes for scripts ({@link
 * dev.strata.cli.ExitCode}). Not an API: run it with {@code java -jar strata-cli-<version>.jar}.
 */
package dev.strata.cli;
