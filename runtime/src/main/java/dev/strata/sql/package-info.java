/**
 * SQL text tools: the {@link dev.strata.sql.Dialect} seam (SQLite and PostgreSQL), tokens,
 * statement splitting, identifiers, the databases' messages. Below the API and shared with the
 * annotation processor; it knows nothing of {@code dev.strata} or the engine.
 */
package dev.strata.sql;
