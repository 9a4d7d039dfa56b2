package dev.ferry.plan;

import dev.ferry.FerryException;
import java.util.List;
import java.util.stream.Collectors;

/** A plan that cannot be used, with every fault found in it (CLI exit code 2). */
public class PlanException extends FerryException {
    private static final int PLAN_ERROR_EXIT_CODE = 2;

    private final List<PlanError> errors;

    public PlanException(List<PlanError> errors) {
        super(render(errors), PLAN_ERROR_EXIT_CODE, null);
        this.errors = List.copyOf(errors);
    }

    public List<PlanError> errors() {
        return errors;
    }

    private static String render(List<PlanError> errors) {
        return errors.stream().map(PlanError::render).collect(Collectors.joining("\n"));
    }
}
