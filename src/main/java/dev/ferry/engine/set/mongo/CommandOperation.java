package dev.ferry.engine.set.mongo;

import dev.ferry.plan.OperationSpec;
import java.util.Map;
import org.bson.Document;

/**
 * {@code command}: a database command run as written. It records no undo: Ferry cannot know what reverses it, so a
 * file with a command gives its own {@code down:} (the loader refuses one without).
 */
final class CommandOperation implements SetOperation {

    private final OperationSpec.Command spec;

    CommandOperation(OperationSpec.Command spec) {
        this.spec = spec;
    }

    @Override
    public String describe() {
        return "run command " + spec.command().keySet().iterator().next();
    }

    @Override
    public Map<String, Long> apply(StepContext ctx) {
        ctx.checkRunning();
        Document reply = ctx.store().database().runCommand(spec.command());
        Counts counts = new Counts().add("commands", 1);
        if (reply.get("n") instanceof Number n) {
            counts.add("documents", n.longValue());
        }
        return counts.asMap();
    }
}
