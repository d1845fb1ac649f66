/**
 * What every step shares: the diagnostic catalogue and the immutable validation report, origins and
 * positions of annotation values, annotation mirrors, the internal-error guard, javac's Trees and
 * the writer of generated files. Depends on no other processor package.
 */
package dev.strata.processor.base;
