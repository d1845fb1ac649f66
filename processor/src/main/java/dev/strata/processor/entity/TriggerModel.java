package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;

/** A trigger: {@code origin} is its {@code @Trigger}; {@code sql} is the whole CREATE TRIGGER. */
public record TriggerModel(Origin origin, String name, String sql) {}
