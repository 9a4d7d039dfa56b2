package dev.ferry.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Binds {@code kind: postgres-operations}: columns and indexes to add, the backfill, the validation conditions. */
final class ColumnBackfillPlanBinder {
    private final PlanProblems problems;

    ColumnBackfillPlanBinder(PlanProblems problems) {
        this.problems = problems;
    }

    ColumnBackfillPlan bind(MapNodeReader plan, Path file, String hash) {
        Optional<String> name = plan.string("name", true);
        plan.string("description", false);
        String schema = plan.string("schema", false).orElse("public");
        Optional<String> table = plan.string("table", true);
        List<ColumnBackfillPlan.NewColumn> columns = new ArrayList<>();
        plan.list("add_columns", false).ifPresent(l -> eachMap(l, "add_columns", (m, path) -> {
            Optional<String> col = m.string("name", true);
            Optional<String> type = m.string("type", true).map(t -> sqlText(m, "type", t, path));
            m.rejectUnknownKeys();
            col.ifPresent(c -> type.ifPresent(t -> columns.add(new ColumnBackfillPlan.NewColumn(c, t))));
        }));
        List<ColumnBackfillPlan.NewIndex> indexes = new ArrayList<>();
        plan.list("indexes", false).ifPresent(l -> eachMap(l, "indexes", (m, path) -> {
            Optional<String> idx = m.string("name", true);
            List<String> on = new ArrayList<>();
            m.list("columns", true).ifPresent(cols -> cols.items().forEach(c -> {
                if (c instanceof PlanNode.Scalar s && s.value() instanceof String text) {
                    on.add(text);
                } else {
                    problems.at(c, path + ".columns", "expected a column name, got " + c.kind());
                }
            }));
            m.rejectUnknownKeys();
            idx.ifPresent(i -> indexes.add(new ColumnBackfillPlan.NewIndex(i, on)));
        }));
        ColumnBackfillPlan.Backfill backfill = plan.map("backfill", false).map(this::backfill).orElse(null);
        String createdAt = plan.string("created_at_column", false).orElse(null);
        ColumnBackfillPlan.Checks checks = plan.map("validation", false).map(v -> {
            MapNodeReader m = new MapNodeReader(v, "validation", problems);
            String migrated = m.string("migrated_when", false).map(t -> sqlText(m, "migrated_when", t, "validation"))
                    .orElse(null);
            String invalid = m.string("invalid_when", false).map(t -> sqlText(m, "invalid_when", t, "validation"))
                    .orElse(null);
            m.rejectUnknownKeys();
            return new ColumnBackfillPlan.Checks(migrated, invalid);
        }).orElse(new ColumnBackfillPlan.Checks(null, null));
        RetrySpec retry = plan.map("retry", false).map(r -> new RetryBinder(problems).bind(r)).orElse(RetrySpec.none());
        plan.rejectUnknownKeys();
        if (name.isEmpty() || table.isEmpty()) {
            return null;
        }
        return new ColumnBackfillPlan(name.get(), file, hash, schema, table.get(), columns, indexes, backfill,
                createdAt, checks, retry);
    }

    private ColumnBackfillPlan.Backfill backfill(PlanNode.MapNode node) {
        MapNodeReader m = new MapNodeReader(node, "backfill", problems);
        Optional<String> column = m.string("column", true);
        Optional<String> expression = m.string("expression", true).map(t -> sqlText(m, "expression", t, "backfill"));
        String filter = m.string("where", false).map(t -> sqlText(m, "where", t, "backfill")).orElse(null);
        long batch = m.integer("batch_size").orElse(1000L);
        if (batch < 1 || batch > 1_000_000) {
            problems.at(m.node("batch_size", false).orElseThrow(), "backfill.batch_size",
                    "must be between 1 and 1,000,000, got " + batch);
        }
        m.rejectUnknownKeys();
        if (column.isEmpty() || expression.isEmpty()) {
            return null;
        }
        return new ColumnBackfillPlan.Backfill(column.get(), expression.get(), filter, (int) batch);
    }

    /** SQL written by the plan author goes into one statement: a semicolon could start a second, so it is refused. */
    private String sqlText(MapNodeReader m, String key, String text, String path) {
        if (text.indexOf(';') >= 0 || text.isBlank()) {
            problems.at(m.node(key, false).orElseThrow(), path + "." + key,
                    text.isBlank() ? "is empty" : "may not contain ';': one expression, not statements");
        }
        return text;
    }

    private void eachMap(PlanNode.ListNode list, String path, ItemBinder binder) {
        for (int i = 0; i < list.items().size(); i++) {
            PlanNode item = list.items().get(i);
            String itemPath = path + "[" + i + "]";
            if (item instanceof PlanNode.MapNode map) {
                binder.bind(new MapNodeReader(map, itemPath, problems), itemPath);
            } else {
                problems.at(item, itemPath, "expected a map, got " + item.kind());
            }
        }
    }

    private interface ItemBinder {
        void bind(MapNodeReader item, String path);
    }
}
