package dev.ferry.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One target collection and the rules that build its documents from a source record.
 *
 * @param id     the rule for the target's {@code _id}; writes are upserts on it, so it must derive from the source key
 * @param fields target field path (dotted for nesting, e.g. {@code pii_report.contains_pii}) to its rule, in plan order
 * @param store  where the target lives: a MongoDB collection, or a PostgreSQL table ({@code schema.table}) whose
 *               primary key receives the {@code _id} and whose columns receive the top-level fields
 */
public record TargetSpec(String collection, FieldRule id, Map<String, FieldRule> fields, StoreKind store) {
    public TargetSpec {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        store = store == null ? StoreKind.MONGO : store;
    }

    /** A MongoDB collection as the target. */
    public TargetSpec(String collection, FieldRule id, Map<String, FieldRule> fields) {
        this(collection, id, fields, StoreKind.MONGO);
    }

    public boolean isTable() {
        return store == StoreKind.POSTGRES;
    }
}
