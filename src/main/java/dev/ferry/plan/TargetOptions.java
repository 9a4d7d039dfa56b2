package dev.ferry.plan;

import java.util.List;

/**
 * What a target asks for beyond its fields: fan-out (one record per element of a source array), creation of what
 * does not exist, the key's column names, and indexes.
 *
 * @param fanOut  one record per element of a source array or map; null for one record per source record
 * @param create  create the table or collection when it does not exist (its DDL shown by the dry run, dropped by the
 *                rollback of the run that created it)
 * @param key     the key's column (or {@code _id} field) names: one for a table's primary key, two for a fan-out
 *                target (the parent's key, then the element's position); empty: the defaults
 * @param indexes indexes to create when missing (each dropped by the rollback of the run that created it)
 */
public record TargetOptions(FanOut fanOut, boolean create, List<String> key, List<IndexSpec> indexes) {

    public static final TargetOptions NONE = new TargetOptions(null, false, List.of(), List.of());
    /** The primary key column of a table the run creates, when the plan names none. */
    public static final String DEFAULT_KEY = "id";
    /** The fan-out key's names when the plan names none: the parent's key, the element's position. */
    public static final List<String> DEFAULT_FAN_OUT_KEY = List.of("parent_id", "position");

    public TargetOptions {
        key = List.copyOf(key);
        indexes = List.copyOf(indexes);
    }

    /**
     * One target record per element of the source array (or entry of the source map) at {@code path}.
     *
     * @param parent the target whose {@code _id} each record carries as its parent key (so a foreign key to it holds);
     *               null: the source record's key
     */
    public record FanOut(String path, String parent) { }

    /**
     * An index: keys in order, 1 ascending, -1 descending.
     *
     * @param name null for the store's default name
     */
    public record IndexSpec(List<IndexKey> keys, boolean unique, String name) {
        public IndexSpec {
            keys = List.copyOf(keys);
        }

        /** {@code {user_id: 1, created_at: -1}}, as MongoDB's shell writes it. */
        public String describe() {
            StringBuilder sb = new StringBuilder("{");
            keys.forEach(k -> sb.append(sb.length() == 1 ? "" : ", ").append(k.field()).append(": ")
                    .append(k.direction()));
            return sb.append("}").toString() + (unique ? " unique" : "") + (name == null ? "" : " named " + name);
        }
    }

    public record IndexKey(String field, int direction) { }

    /** The fan-out key names, or the plain target's primary key column, as given or by default. */
    public List<String> keyOrDefault() {
        if (!key.isEmpty()) {
            return key;
        }
        return fanOut != null ? DEFAULT_FAN_OUT_KEY : List.of(DEFAULT_KEY);
    }
}
