package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;

/** A view: {@code origin} is the class with its {@code @View}; {@code sql} is the SELECT. */
public record ViewModel(Origin origin, String name, String sql) {}
