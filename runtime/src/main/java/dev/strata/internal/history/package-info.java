/**
 * Internal, not API, and may change without notice: the {@code strata_history} table, its rows, the
 * ledger that sets them against the registry, and the one locked path that writes them.
 */
package dev.strata.internal.history;
