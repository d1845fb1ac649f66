/**
 * From {@code @Entity} and {@code @View} classes to DDL: parse ({@link
 * dev.strata.processor.schema.EntityParser}), check across entities ({@link
 * dev.strata.processor.schema.SchemaValidator}), run on an in-memory SQLite ({@link
 * dev.strata.processor.schema.SqlVerifier}), then write ({@link
 * dev.strata.processor.schema.DdlWriter}, {@link dev.strata.processor.schema.SchemaWriter}, {@link
 * dev.strata.processor.schema.MermaidWriter}).
 *
 * <p>Choices the contract leaves open:
 *
 * <ul>
 *   <li>Identifiers are quoted only when SQLite needs it: a keyword, or anything but letters,
 *       digits and {@code _} not starting with a digit. Names compare case-insensitively, as in
 *       SQLite.
 *   <li>Booleans get {@code CHECK (col IN (0, 1))} and enums {@code CHECK (col IN ('A', ...))}:
 *       SQLite's dynamic typing would otherwise store values the application cannot read back. A
 *       user {@code sqlType} means a user encoding, so it drops the generated CHECK.
 *   <li>Primary-key columns are NOT NULL, written out even for {@code INTEGER PRIMARY KEY}, so that
 *       {@code PRAGMA table_info} agrees with the model. A single key is declared on its column, a
 *       composite one as a table constraint. Foreign keys are always table constraints, and actions
 *       are written only when they are not {@code NO ACTION}.
 *   <li>Tables go in foreign-key order; among ready tables, and to break a cycle, the smallest name
 *       goes first. Indexes follow in table order, then views by name, then triggers.
 *   <li>{@code char} is not mapped (the contract lists integral types without it): it needs
 *       {@code sqlType}. {@code java.time} covers its value types, including {@code Period},
 *       {@code MonthDay}, {@code ZoneId} and {@code ZoneOffset}; its enums map as enums.
 *   <li>A foreign key counts as indexed when an index, the key or a UNIQUE column leads with its
 *       columns in any order.
 *   <li>SQLite checks views and trigger bodies lazily, so views are queried once and a scratch
 *       table is renamed, which makes SQLite re-parse every trigger. Views and triggers are checked
 *       only when every table was accepted, so a broken table is reported once.
 * </ul>
 */
package dev.strata.processor.schema;
