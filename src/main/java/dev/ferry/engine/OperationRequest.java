package dev.ferry.engine;

import java.time.Instant;

/**
 * A runbook operation to run by name, as the plan's kind lists it ({@code dev.ferry.plan.PlanKind#operations()}).
 *
 * @param operation the operation's name ("full_migration", "incremental")
 * @param since     rows created since when, for the operations that take it (runbook 003's incremental), else null
 */
public record OperationRequest(String operation, Instant since) {

    public static OperationRequest named(String operation) {
        return new OperationRequest(operation, null);
    }
}
