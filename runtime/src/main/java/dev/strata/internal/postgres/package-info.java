/**
 * PostgreSQL's side of the engine: the migration lock as a transaction-scoped advisory lock, and
 * the claim of a non-transactional step as a session-level one. Uses only JDBC and SQL, so the
 * PostgreSQL driver stays an optional dependency of the runtime.
 */
package dev.strata.internal.postgres;
