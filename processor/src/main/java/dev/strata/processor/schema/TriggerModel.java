package dev.strata.processor.schema;

/** A trigger: {@code origin} is its {@code @Trigger}; {@code sql} is the whole CREATE TRIGGER. */
public record TriggerModel(Origin origin, String name, String sql) {}
