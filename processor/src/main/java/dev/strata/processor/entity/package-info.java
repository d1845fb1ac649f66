/**
 * From {@code @Entity} and {@code @View} classes to the entity schema: parse ({@link
 * dev.strata.processor.entity.EntityParser}), check across entities ({@link
 * dev.strata.processor.entity.SchemaValidator}), order ({@link
 * dev.strata.processor.entity.TableOrder}), and render the DDL ({@link
 * dev.strata.processor.entity.Ddl}), the {@code StrataSchema} class ({@link
 * dev.strata.processor.entity.SchemaClass}) and the ER diagram ({@link
 * dev.strata.processor.entity.MermaidDiagram}). Renderers return text; files are written by the
 * processor.
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
 *   <li>Tables go in foreign-key order; among ready tables the smallest name goes first. A cycle is
 *       broken at its smallest name once every table it references outside itself is placed.
 *       Indexes follow in table order, then views by name, then triggers.
 *   <li>Names compare ignoring ASCII case only, as SQLite does. A derived index name ({@code
 *       ix_<table>_<columns>}) can clash with another; the clash is reported on the columns it was
 *       derived from, and a {@code name} settles it.
 *   <li>{@code char} is not mapped (the contract lists integral types without it): it needs {@code
 *       sqlType}. {@code java.time} covers its value types, including {@code Period}, {@code
 *       MonthDay}, {@code ZoneId} and {@code ZoneOffset}; its enums map as enums.
 *   <li>A foreign key counts as indexed when an index, the key or a UNIQUE column leads with its
 *       columns in any order.
 *   <li>SQLite checks views and trigger bodies lazily, so views are queried once and a scratch
 *       table is renamed, which makes SQLite re-parse every trigger. Views and triggers are checked
 *       only when every table was accepted, so a broken table is reported once.
 *   <li>A DEFAULT that is one bare name ({@code abc}) is refused: SQLite stores it as the string
 *       'abc' but keeps {@code abc} in the schema, so a migration writing {@code 'abc'} would
 *       drift.
 *   <li>A DEFAULT on a column with a generated CHECK must pass it (and NOT NULL): SQLite itself
 *       inserts one row of defaults into a one-column scratch table with the column's definition,
 *       so affinity, {@code TRUE}/{@code FALSE}, collations and expressions count as at run time. A
 *       user CHECK is left out of that probe, since it may name other columns.
 *   <li>A name clash (columns, tables and views, indexes) is reported on every declaration
 *       involved, each naming the others; the first declaration stays in the model.
 *   <li>Fields of superclasses are columns up to the first {@code java.*} class, whose fields are
 *       the JDK's private state.
 *   <li>In the Mermaid diagram, a table name Mermaid cannot take bare gets a plain alias shown as
 *       {@code alias["real name"]}; a column name or type that does not fit is shortened and
 *       written whole in the attribute's comment.
 *   <li>PostgreSQL's DDL ({@link dev.strata.processor.entity.PostgresColumn}) is not run at compile
 *       time: javac cannot judge it, the verifier and the server do. A trigger text for a dialect
 *       the project does not target is left out; one that serves no targeted dialect is no error.
 *   <li>Every trigger name needs a text for every targeted dialect, SQLite included, so a
 *       PostgreSQL-only {@code @Trigger} is {@code [MissingDialectText]} for SQLite.
 * </ul>
 */
package dev.strata.processor.entity;
