/**
 * The schema model of a SQLite database, how to read it and how to compare two. Below the API and
 * shared with the annotation processor; it knows nothing of {@code dev.strata} or the engine.
 */
package dev.strata.schema;
