package dev.ferry.engine;

import dev.ferry.FerryException;
import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.MongoStore;

/** Runs a plan's validation checks against the source and targets. */
final class Validation {
    private final MongoStore store;

    Validation(MongoStore store) {
        this.store = store;
    }

    ValidationReport validate(Plan plan) {
        throw new FerryException("validate is being built");
    }
}
