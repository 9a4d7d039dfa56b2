package dev.ferry.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Binds {@code kind: uuid-key-conversion}: which table's key becomes uuid, columns that hold it without a foreign key,
 * batch size, backup schema, lock timeout.
 */
final class UuidKeyPlanBinder {
    private final PlanProblems problems;

    UuidKeyPlanBinder(PlanProblems problems) {
        this.problems = problems;
    }

    UuidKeyPlan bind(MapNodeReader plan, Path file, String hash) {
        Optional<String> name = plan.string("name", true);
        plan.string("description", false);
        String schema = plan.string("schema", false).orElse("public");
        Optional<String> table = plan.string("table", true);
        Optional<String> column = plan.string("column", true);
        int batch = positive(plan, "batch_size", UuidKeyPlan.DEFAULT_BATCH, 10_000_000);
        String backup = plan.string("backup_schema", false).orElse(UuidKeyPlan.DEFAULT_BACKUP_SCHEMA);
        long lockTimeout = positive(plan, "lock_timeout_ms", 2_000, 600_000);
        int listed = positive(plan, "list_bad_rows", 20, 10_000);
        RetrySpec retry = plan.map("retry", false).map(r -> new RetryBinder(problems).bind(r)).orElse(RetrySpec.none());
        List<UuidKeyPlan.ColumnRef> also = plan.list("also", false).map(l -> also(l, schema)).orElse(List.of());
        plan.rejectUnknownKeys();
        if (backup.equals(schema)) {
            PlanNode at = plan.node("backup_schema", false).orElse(null);
            problems.at(at == null ? 1 : at.line(), at == null ? 1 : at.column(), "backup_schema", "the backup schema must differ from the tables' schema '" + schema + "'");
        }
        if (name.isEmpty() || table.isEmpty() || column.isEmpty()) {
            return null;
        }
        return new UuidKeyPlan(name.get(), file, hash, schema, table.get(), column.get(), batch, backup, lockTimeout,
                listed, retry, also);
    }

    /** {@code also: [sessions.user_id, audit.events.actor_id]}: each item a column, optionally schema-qualified. */
    private List<UuidKeyPlan.ColumnRef> also(PlanNode.ListNode list, String schema) {
        List<UuidKeyPlan.ColumnRef> refs = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            PlanNode item = list.items().get(i);
            String[] parts = item instanceof PlanNode.Scalar s && s.value() instanceof String text
                    ? text.split("\\.", -1) : new String[0];
            if ((parts.length != 2 && parts.length != 3) || java.util.Arrays.stream(parts).anyMatch(String::isBlank)) {
                problems.at(item, "also[" + i + "]", "expected table.column or schema.table.column, got "
                        + (item instanceof PlanNode.Scalar s ? "'" + s.value() + "'" : item.kind()));
                continue;
            }
            refs.add(parts.length == 2 ? new UuidKeyPlan.ColumnRef(schema, parts[0], parts[1])
                    : new UuidKeyPlan.ColumnRef(parts[0], parts[1], parts[2]));
        }
        return refs;
    }

    private int positive(MapNodeReader plan, String key, int fallback, int max) {
        Optional<Long> value = plan.integer(key);
        if (value.isPresent() && (value.get() < 1 || value.get() > max)) {
            PlanNode at = plan.node(key, false).orElseThrow();
            problems.at(at, key, "must be between 1 and " + max + ", got " + value.get());
            return fallback;
        }
        return value.map(Long::intValue).orElse(fallback);
    }
}
