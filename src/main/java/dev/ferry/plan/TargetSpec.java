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
 * @param options fan-out, creation, key names and indexes ({@link TargetOptions#NONE} for none); a fan-out target has
 *               no {@code id} rule: its {@code _id} is the parent's key and the element's position
 */
public record TargetSpec(String collection, FieldRule id, Map<String, FieldRule> fields, StoreKind store,
                         TargetOptions options) {
    public TargetSpec {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        store = store == null ? StoreKind.MONGO : store;
        options = options == null ? TargetOptions.NONE : options;
    }

    public TargetSpec(String collection, FieldRule id, Map<String, FieldRule> fields, StoreKind store) {
        this(collection, id, fields, store, TargetOptions.NONE);
    }

    /** A MongoDB collection as the target. */
    public TargetSpec(String collection, FieldRule id, Map<String, FieldRule> fields) {
        this(collection, id, fields, StoreKind.MONGO);
    }

    public boolean isTable() {
        return store == StoreKind.POSTGRES;
    }

    /** True when the target gets one record per element of a source array (or entry of a map). */
    public boolean fansOut() {
        return options.fanOut() != null;
    }
}
