package dev.strata;

import java.util.List;

/**
 * Every problem {@link Strata#validate()} found, all at once.
 *
 * <p>Pending migrations are not problems: a database behind its registry is what {@code migrate()}
 * is for. They do limit what was checked, though: schema drift is compared only once every
 * registered migration is applied, so {@link #driftSkipped()} tells when a configured schema was
 * not compared, and {@link #render()} says so.
 *
 * @param issues the problems found; {@link #valid()} when empty
 * @param pending registered migrations not applied yet, unfinished and out-of-order ones included
 * @param driftSkipped whether a schema was configured but not compared because of {@code pending}
 */
public record ValidateResult(List<ValidationIssue> issues, int pending, boolean driftSkipped) {
  public ValidateResult {
    issues = List.copyOf(issues);
  }

  /** Issues only: nothing pending, no drift skipped. */
  public ValidateResult(List<ValidationIssue> issues) {
    this(issues, 0, false);
  }

  /** Whether no issue was found; says nothing about pending migrations or unchecked drift. */
  public boolean valid() {
    return issues.isEmpty();
  }

  /** The issues of one kind. */
  public List<ValidationIssue> issues(ValidationIssue.Kind kind) {
    return issues.stream().filter(i -> i.kind() == kind).toList();
  }

  /**
   * {@code "Valid: no issues."} or a count followed by one line per issue: its kind, padded so the
   * messages line up, then its message, which names its subject. A last line then counts pending
   * migrations, if any, and says whether drift went unchecked because of them.
   */
  public String render() {
    StringBuilder out = new StringBuilder();
    if (valid()) {
      out.append("Valid: no issues.\n");
    } else {
      int width = issues.stream().mapToInt(i -> i.kind().name().length()).max().orElse(0);
      out.append(issues.size()).append(issues.size() == 1 ? " issue:\n" : " issues:\n");
      for (ValidationIssue issue : issues) {
        String kind = issue.kind().name();
        out.append("  ")
            .append(kind)
            .append(" ".repeat(width - kind.length() + 2))
            .append(issue.message())
            .append('\n');
      }
    }
    if (pending > 0) {
      out.append(pending)
          .append(pending == 1 ? " migration pending" : " migrations pending")
          .append(driftSkipped ? "; schema drift not checked until they are applied.\n" : ".\n");
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
