package dev.strata.sample.inventory.model;

import dev.strata.annotation.Column;
import dev.strata.annotation.Entity;
import dev.strata.annotation.Id;
import dev.strata.annotation.Nullability;

/** A place that holds stock, keyed by its printed label code such as {@code A-01-3}. */
@Entity
public record Location(
    @Id @Column(check = "length(code) BETWEEN 1 AND 16") String code,
    @Column(nullable = Nullability.NOT_NULL) String name,
    @Column(nullable = Nullability.NOT_NULL) LocationKind kind) {}
