/**
 * Internal, not API, and may change without notice: {@code Strata.backup} and {@code
 * Strata.restore}. A backup is one zip of a consistent copy (the live file pinned by a read
 * transaction, or SQLite's online backup) and its {@code manifest.json}; a restore checks every
 * part of it on an extracted copy before SQLite's online backup copies it into the live database in
 * one write transaction.
 */
package dev.strata.internal.backup;
