package dev.strata.processor.entity;

import dev.strata.processor.base.Origin;

/** A column name written in an annotation, with the position of that very entry. */
public record NameRef(String name, Origin origin) {}
