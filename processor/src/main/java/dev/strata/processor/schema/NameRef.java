package dev.strata.processor.schema;

/** A column name written in an annotation, with the position of that very entry. */
public record NameRef(String name, Origin origin) {}
