/**
 * Internal, not API, and may change without notice: SQLite connections with their PRAGMAs, retries
 * on SQLITE_BUSY, and {@code BEGIN IMMEDIATE} transactions.
 */
package dev.strata.internal.sqlite;
