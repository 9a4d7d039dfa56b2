package dev.ferry.transform;

import dev.ferry.plan.TargetSpec;
import java.util.List;
import org.bson.Document;

/** Builds one target's document from a source record: {@code _id} first, then the fields in plan order. */
final class CompiledTarget {
    static final String ID = "_id";

    private final String collection;
    private final FieldTransform id;
    private final CompiledFields fields;

    CompiledTarget(TargetSpec spec) {
        this.collection = spec.collection();
        this.id = RuleCompiler.compile(spec.id());
        this.fields = RuleCompiler.compileFields(spec.fields());
    }

    String collection() {
        return collection;
    }

    Document build(Document source, String sourceKey, List<FieldError> errors) {
        MappingScope scope = MappingScope.root(collection, sourceKey, source, errors);
        Document out = new Document();
        try {
            Object value = id.apply(scope.at(ID));
            if (value == FieldTransform.ABSENT || value == null) {
                scope.report(ID, "the id rule gave no value; every target document needs an _id (upserts use it)");
            } else {
                out.put(ID, value);
                scope.built().put(ID, value);
            }
        } catch (TransformException e) {
            scope.report(ID, e.getMessage());
        }
        return fields.build(scope, out);
    }
}
