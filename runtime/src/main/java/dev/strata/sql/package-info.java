/**
 * SQL text tools: tokens, statement splitting, identifiers, SQLite's messages. Below the API and
 * shared with the annotation processor; it knows nothing of {@code dev.strata} or the engine.
 */
package dev.strata.sql;
