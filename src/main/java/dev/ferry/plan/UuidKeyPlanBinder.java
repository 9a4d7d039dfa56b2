package dev.ferry.plan;

import java.nio.file.Path;
import java.util.Optional;

/** Binds {@code kind: uuid-key-conversion}: which table's key becomes uuid, batch size, backup schema, lock timeout. */
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
        plan.rejectUnknownKeys();
        if (backup.equals(schema)) {
            PlanNode at = plan.node("backup_schema", false).orElse(null);
            problems.at(at == null ? 1 : at.line(), at == null ? 1 : at.column(), "backup_schema", "the backup schema must differ from the tables' schema '" + schema + "'");
        }
        if (name.isEmpty() || table.isEmpty() || column.isEmpty()) {
            return null;
        }
        return new UuidKeyPlan(name.get(), file, hash, schema, table.get(), column.get(), batch, backup, lockTimeout,
                listed, retry);
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
