package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;

/**
 * One {@code @Column.Sql}: a column's SQL for a dialect other than SQLite. A blank part follows the
 * stated mapping from the plain {@code @Column} ({@link PostgresColumn}).
 *
 * @param origin that {@code @Column.Sql}
 */
public record ColumnSql(
    Origin origin, String sqlType, String defaultValue, String check, String collate) {}
