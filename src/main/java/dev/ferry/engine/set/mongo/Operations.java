package dev.ferry.engine.set.mongo;

import dev.ferry.FerryException;
import dev.ferry.plan.OperationSpec;
import java.util.Map;
import org.bson.Document;

/**
 * Turns a file's operation specs into operations, and undo-log entries back into their undo. A new kind (a
 * PostgreSQL one, say) is one spec record, one operation class and one line in each switch here.
 */
final class Operations {

    private static final Map<String, UndoEntry> UNDO = Map.of(
            AddFieldOperation.KIND, AddFieldOperation::undo,
            CreateIndexOperation.KIND, CreateIndexOperation::undo,
            BackfillLinkOperation.KIND, BackfillLinkOperation::undo);

    private Operations() {
    }

    static SetOperation of(OperationSpec spec) {
        if (spec instanceof OperationSpec.AddField s) {
            return new AddFieldOperation(s);
        } else if (spec instanceof OperationSpec.CreateIndex s) {
            return new CreateIndexOperation(s);
        } else if (spec instanceof OperationSpec.BackfillLink s) {
            return new BackfillLinkOperation(s);
        } else if (spec instanceof OperationSpec.Command s) {
            return new CommandOperation(s);
        }
        throw new IllegalArgumentException("no operation for " + spec.kind());
    }

    static Map<String, Long> undo(StepContext ctx, Document entry) {
        UndoEntry undo = UNDO.get(entry.getString("kind"));
        if (undo == null) {
            throw new FerryException("the undo log holds an entry of kind '" + entry.getString("kind")
                    + "' that this Ferry does not know; use the Ferry version that wrote it");
        }
        return undo.undo(ctx, entry);
    }
}
