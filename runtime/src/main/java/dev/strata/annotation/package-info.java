/** The annotations that declare entities, views, triggers and migrations for the processor. */
package dev.strata.annotation;
