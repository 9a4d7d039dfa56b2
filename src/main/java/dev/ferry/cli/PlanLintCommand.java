package dev.ferry.cli;

import dev.ferry.plan.MappingRow;
import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.PlanKind;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ferry plan lint}: loads a plan of any kind and reports its errors with their locations, or a summary line. */
@Command(name = "lint", description = "Check a plan file: prints 'OK: <plan>, N targets, M rules' or its errors "
        + "(file, line, column, field); exit 2 on errors.")
final class PlanLintCommand extends Verb {

    @Mixin
    PlanOptions plan;

    @Override
    public Integer call() {
        MigrationPlan loaded = plan.load();
        PlanKind kind = loaded.kind();
        int targets = loaded.targetNames().size();
        int rules = MappingRow.of(loaded).size(); // the lines of the console's mapping table
        java.util.Optional<String> guardrails = loaded.guardrailsInWords();
        if (json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ok", true);
            result.put("plan", loaded.name());
            result.put("kind", kind.label());
            result.put("file", plan.file.toAbsolutePath().normalize().toString());
            result.put("hash", loaded.hash());
            result.put("targets", targets);
            result.put("rules", rules);
            result.put("operations", kind.operations().stream().map(PlanKind.Operation::name).toList());
            guardrails.ifPresent(g -> result.put("guardrails", g));
            printJson(result);
        } else {
            out().println("OK: " + loaded.name() + ", " + targets + (targets == 1 ? " target, " : " targets, ") + rules
                    + " rules" + (kind.operations().isEmpty() ? "" : " · a " + kind.label() + " plan: `ferry pg op"
                    + " OPERATION` runs its runbook operations"));
            guardrails.ifPresent(g -> out().println("Guardrails: " + g));
        }
        return OK;
    }
}
