/**
 * Internal, not API, and may change without notice: the engine behind {@code Strata}, its commands,
 * and the migration step with its context and listeners.
 */
package dev.strata.internal.engine;
