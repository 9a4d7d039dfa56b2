package dev.ferry.cli;

import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry plan lint}: loads a plan and reports its errors with their locations, or a one-line summary. */
@Command(name = "lint", description = "Check a plan file: prints 'OK: <plan>, N targets, M rules' or its errors "
        + "(file, line, column, field); exit 2 on errors.")
final class PlanLintCommand extends Verb {

    @Mixin
    PlanOptions plan;

    @Override
    public Integer call() {
        if (plan.given() && java.nio.file.Files.isRegularFile(plan.file)
                && dev.ferry.plan.PostgresPlanLoader.isPostgresPlan(plan.file)) {
            dev.ferry.plan.PostgresPlan pg = dev.ferry.plan.PostgresPlanLoader.load(plan.file);
            if (json()) {
                printJson(Map.of("ok", true, "plan", pg.name(), "hash", pg.hash(), "kind", pg instanceof
                        dev.ferry.plan.UuidKeyPlan ? dev.ferry.plan.UuidKeyPlan.KIND : dev.ferry.plan.ColumnBackfillPlan.KIND));
            } else {
                out().println("OK: " + pg.name() + " (PostgreSQL plan, run with `ferry pg op`)");
            }
            return OK;
        }
        Plan loaded = plan.load();
        int rules = loaded.targets().stream().mapToInt(PlanLintCommand::rules).sum();
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", true);
            result.put("plan", loaded.name());
            result.put("file", plan.file.toAbsolutePath().normalize().toString());
            result.put("hash", loaded.hash());
            result.put("targets", loaded.targets().size());
            result.put("rules", rules);
            result.put("guardrails", loaded.guardrails().describe());
            printJson(result);
        } else {
            out().println("OK: " + loaded.name() + ", " + loaded.targets().size() + " targets, " + rules + " rules");
            out().println("Guardrails: " + loaded.guardrails().describe());
        }
        return OK;
    }

    /** The target's field rules and its _id rule. */
    private static int rules(TargetSpec target) {
        return target.fields().size() + (target.id() == null ? 0 : 1);
    }
}
