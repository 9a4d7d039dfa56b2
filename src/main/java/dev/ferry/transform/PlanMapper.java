package dev.ferry.transform;

import dev.ferry.FerryException;
import dev.ferry.plan.Plan;

/** Placeholder until the transform package lands. */
public final class PlanMapper {
    private PlanMapper() {
    }

    public static RecordMapper compile(Plan plan) {
        throw new FerryException("the plan mapper is being built");
    }
}
