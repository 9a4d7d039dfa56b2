package dev.ferry.engine.set.mongo;

import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Replays a version's undo log, last step first, removing each entry once undone: an interrupted replay continues
 * where it stopped, and every undo is conditional, so replaying an entry twice changes nothing the second time.
 */
final class UndoReplay {

    private UndoReplay() {
    }

    static Map<String, Long> replay(StepContext ctx) {
        Counts counts = new Counts();
        List<Object> ids = ctx.undo().idsToUndo(ctx.set(), ctx.version());
        long done = 0;
        for (Object id : ids) {
            Document entry = ctx.undo().entry(id);
            if (entry != null) {
                counts.addAll(Operations.undo(ctx.forStep(entry.getInteger("step")), entry));
                ctx.undo().remove(id);
            }
            ctx.progress(++done, ids.size());
        }
        return counts.asMap();
    }
}
