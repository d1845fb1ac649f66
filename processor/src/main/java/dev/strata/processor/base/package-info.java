/**
 * What every step shares: the diagnostic catalogue and the immutable validation report, origins and
 * positions of annotation values, annotation mirrors, the internal-error guard, javac's Trees, the
 * writer of generated files and the one way to open an in-memory SQLite. Depends on no other
 * processor package.
 */
package dev.strata.processor.base;
