package dev.strata.processor.base;

/**
 * What a processing step hands the processor: the immutable model it parsed, and the report of
 * every problem found on the way. The model holds only what passed validation; the processor writes
 * from it only when the reports of all steps are clean.
 */
public record Validated<M>(M model, ValidationReport report) {}
