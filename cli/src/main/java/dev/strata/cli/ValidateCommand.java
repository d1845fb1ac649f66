package dev.strata.cli;

import dev.strata.Strata;
import dev.strata.ValidateResult;
import dev.strata.ValidationIssue;
import dev.strata.schema.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "validate",
    description = {
      "Reports every problem at once: edited, missing, failed and out-of-order migrations, and"
          + " schema drift. Read-only. Exits 1 when there is any issue."
    })
final class ValidateCommand extends DatabaseCommand {
  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  int run(Strata strata) {
    ValidateResult result = strata.validate();
    if (json) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("valid", result.valid());
      document.put("pending", (long) result.pending());
      document.put("driftSkipped", result.driftSkipped());
      document.put("issues", result.issues().stream().map(ValidateCommand::json).toList());
      out().print(Json.write(document));
    } else {
      out().print(result.render());
    }
    return result.valid() ? ExitCode.OK : ExitCode.FAILURE;
  }

  private static Map<String, Object> json(ValidationIssue issue) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("kind", issue.kind().name());
    row.put("version", issue.version().isPresent() ? issue.version().getAsLong() : null);
    row.put("subject", issue.subject());
    row.put("message", issue.message());
    return row;
  }
}
