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

  /**
   * {@code "Valid: no issues."} or a count followed by one line per issue: its kind, padded so the
   * messages line up, then its message, which names its subject.
   */
  public String render() {
    if (valid()) {
      return "Valid: no issues.\n";
    }
    int width = issues.stream().mapToInt(i -> i.kind().name().length()).max().orElse(0);
    StringBuilder out = new StringBuilder()
        .append(issues.size()).append(issues.size() == 1 ? " issue:\n" : " issues:\n");
    for (ValidationIssue issue : issues) {
      String kind = issue.kind().name();
      out.append("  ").append(kind).append(" ".repeat(width - kind.length() + 2)).append(issue.message()).append('\n');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
