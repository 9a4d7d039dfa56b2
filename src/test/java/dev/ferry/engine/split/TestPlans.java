package dev.ferry.engine.split;

import dev.ferry.plan.BatchSpec;
import dev.ferry.plan.FieldRule;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.plan.RollbackSpec;
import dev.ferry.plan.RuleOptions;
import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.TargetSpec;
import dev.ferry.transform.FieldError;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** A small two-target plan and a hand-written mapper for it, so engine tests do not depend on the plan loader. */
final class TestPlans {

    private TestPlans() {
    }

    static Plan split(String name, int batchSize, Guardrails guardrails) {
        return new Plan(name, null, "hash-" + name, new SourceSpec("src", null, "_id"), new BatchSpec(batchSize),
                List.of(new TargetSpec("people", null, Map.of()), new TargetSpec("tags", null, Map.of())),
                guardrails, List.of(), RollbackSpec.defaults());
    }

    /** The same with each target keyed by the source key itself ({@code id: {from: _id}}): no key can repeat. */
    static Plan splitBySourceKey(String name, int batchSize, Guardrails guardrails) {
        FieldRule byKey = new FieldRule.From("_id", RuleOptions.NONE);
        return new Plan(name, null, "hash-" + name, new SourceSpec("src", null, "_id"), new BatchSpec(batchSize),
                List.of(new TargetSpec("people", byKey, Map.of()), new TargetSpec("tags", byKey, Map.of())),
                guardrails, List.of(), RollbackSpec.defaults());
    }

    /** people gets the upper-cased name; tags the tag count. A source with {@code bad: true} fails to map. */
    static final RecordMapper MAPPER = source -> {
        Object id = source.get("_id");
        List<FieldError> errors = new ArrayList<>();
        if (Boolean.TRUE.equals(source.get("bad"))) {
            errors.add(new FieldError("people", "name", "source field 'name' is not a string: " + source.get("name")));
        }
        Document person = new Document("_id", id).append("name", String.valueOf(source.get("name")).toUpperCase())
                .append("n", source.get("n"));
        Document tags = new Document("_id", id).append("count", source.getList("tags", String.class, List.of()).size());
        return new MappedRecord(id, Map.of("people", person, "tags", tags), errors);
    };

    static List<Document> sources(int count, int... badAt) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document d = new Document("_id", i).append("name", "person " + i).append("n", i)
                    .append("tags", List.of("t" + (i % 3), "u"));
            for (int b : badAt) {
                if (b == i) {
                    d.append("bad", true);
                }
            }
            docs.add(d);
        }
        return docs;
    }
}
