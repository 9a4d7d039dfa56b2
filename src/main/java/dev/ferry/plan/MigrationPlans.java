package dev.ferry.plan;

import java.nio.file.Path;

/** Opens any plan file: a PostgreSQL operation plan when its {@code kind} says so, else a split plan. */
public final class MigrationPlans {

    private MigrationPlans() {
    }

    /** @throws PlanException with every error at file:line:column, as each loader reports them */
    public static MigrationPlan load(Path file) {
        return PostgresPlanLoader.isPostgresPlan(file) ? PostgresPlanLoader.load(file) : PlanLoader.load(file);
    }
}
