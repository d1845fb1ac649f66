package dev.strata;

import java.util.List;

/** Every problem {@link Strata#validate()} found, all at once; empty when the database is valid. */
public record ValidateResult(List<ValidationIssue> issues) {
  public ValidateResult {
    issues = List.copyOf(issues);
  }

  public boolean valid() {
    return issues.isEmpty();
  }

  /** The issues of one kind. */
  public List<ValidationIssue> issues(ValidationIssue.Kind kind) {
    return issues.stream().filter(i -> i.kind() == kind).toList();
  }

  /** "Valid" or a fixed-width table of the issues: kind, subject, message. */
  public String render() {
    if (valid()) {
      return "Valid: no issues.\n";
    }
    TextTable table = new TextTable("Kind", "Subject", "Problem");
    for (ValidationIssue issue : issues) {
      table.row(issue.kind().name(), issue.subject(), issue.message());
    }
    return issues.size() + (issues.size() == 1 ? " issue" : " issues") + ":\n" + table.render();
  }

  @Override
  public String toString() {
    return render();
  }
}
