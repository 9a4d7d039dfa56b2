package dev.ferry.transform;

import dev.ferry.FerryException;
import dev.ferry.plan.Plan;

/**
 * Compiles a plan's field rules into a {@link RecordMapper}.
 * Placeholder on the validate branch so that {@code Ferry.validate} compiles: the plan branch owns the real class
 * and replaces this one at merge.
 */
public final class PlanMapper {

    private PlanMapper() {
    }

    public static RecordMapper compile(Plan plan) {
        throw new FerryException("Plan " + plan.name() + " cannot be compiled yet: the transforms are being built");
    }
}
