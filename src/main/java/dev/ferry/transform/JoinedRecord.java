package dev.ferry.transform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A record together with the records related to it that its plan embeds, fetched for its whole batch and kept by
 * relation (the embed rule's id). The related records are not fields of it: checksums, the quarantine, the journal and
 * BSON see only its own fields. Related records are joined records too, for the relations nested in theirs.
 */
public final class JoinedRecord extends Document {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, List<Document>> related = new HashMap<>();

    /** The record's own fields (shared, not copied), with no related records yet. */
    public JoinedRecord(Map<String, Object> fields) {
        super(fields);
    }

    /** Keeps the records of one relation for this record, in their order; an empty list when there are none. */
    public void relate(String relation, List<Document> records) {
        related.put(relation, List.copyOf(records));
    }

    /** The records of a relation, or null when they were not fetched. */
    public List<Document> related(String relation) {
        return related.get(relation);
    }
}
