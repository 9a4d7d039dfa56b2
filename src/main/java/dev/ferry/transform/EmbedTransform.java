package dev.ferry.transform;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Related records as a target field ({@code embed}: an array of them, in the fetched order; {@code embed_one}: one,
 * or null when there is none). They were fetched for the record's whole batch and travel with it
 * ({@link JoinedRecord}); each is built by the rule's fields, or copied whole.
 */
final class EmbedTransform implements FieldTransform {
    private final String relation;
    private final String table;
    private final boolean many;
    private final CompiledFields shape;

    /** @param shape the related record's fields, or null for the whole record */
    EmbedTransform(String relation, String table, boolean many, CompiledFields shape) {
        this.relation = relation;
        this.table = table;
        this.many = many;
        this.shape = shape;
    }

    @Override
    public Object apply(MappingScope scope) {
        List<Document> related = scope.data() instanceof JoinedRecord joined ? joined.related(relation) : null;
        if (related == null) { // every reader of an embedding plan joins its records: a bug, not data
            throw new TransformException("the related records of " + table + " were not fetched for this record");
        }
        if (!many) {
            if (related.size() > 1) {
                throw new TransformException(related.size() + " records of " + table + " match, but embed_one takes"
                        + " one: match on a unique key of " + table + ", or embed them as an array");
            }
            return related.isEmpty() ? null : build(scope, related.get(0), -1);
        }
        List<Object> out = new ArrayList<>(related.size());
        for (int i = 0; i < related.size(); i++) {
            out.add(build(scope, related.get(i), i));
        }
        return out;
    }

    private Document build(MappingScope scope, Document record, int position) {
        String at = position < 0 ? "" : "[" + position + "]";
        if (shape == null) {
            return new Document(record);
        }
        MappingScope inner = scope.element(record, Math.max(position, 0), table + at, scope.fieldPath() + at + ".");
        return shape.build(inner, new Document());
    }
}
