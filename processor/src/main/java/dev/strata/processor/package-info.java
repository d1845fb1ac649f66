/**
 * The annotation processor: {@link dev.strata.processor.StrataProcessor} collects annotated types
 * across rounds, runs each step ({@code MigrationStep}, {@code EntityStep}) into an immutable model
 * and a report, prints every problem, and only from clean models writes the generated files ({@code
 * GeneratedOutput}). {@code ProcessorOptions} holds the {@code -A} options.
 */
package dev.strata.processor;
