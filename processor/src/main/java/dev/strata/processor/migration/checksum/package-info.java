/**
 * The checksums of SQL and Java migrations, and the normalisers they hash. Frozen: a change to any
 * output here changes the checksum of migrations already applied in production, which {@code
 * validate()} then reports as edited. Tests pin the values on every supported JDK.
 */
package dev.strata.processor.migration.checksum;
