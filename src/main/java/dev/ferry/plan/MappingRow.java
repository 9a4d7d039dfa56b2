package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One line of a plan's mapping table, as the console and reviewers read it: the target field, the source fields it
 * reads, and the transform in words ("coalesce row_count, num_rows · default 0").
 */
public record MappingRow(String target, String field, String source, String transform) {

    /** The rows of any plan: {@link #of(Plan)} for a split plan; for a PostgreSQL plan, what it changes. */
    public static List<MappingRow> of(MigrationPlan plan) {
        if (plan instanceof Plan split) {
            return of(split);
        }
        if (plan instanceof UuidKeyPlan uuid) {
            return List.of(new MappingRow(uuid.table(), uuid.column(), uuid.column(),
                            "→ uuid (lower case) · key and indexes rebuilt"),
                    new MappingRow("referencing tables", "FK columns", "catalog",
                            "→ uuid with the key · FKs re-created, validated"),
                    new MappingRow(uuid.backupSchema(), "all", "originals",
                            "kept as they were for rollback, until cleanup_backup"));
        }
        ColumnBackfillPlan ops = (ColumnBackfillPlan) plan;
        List<MappingRow> rows = new ArrayList<>();
        ops.addColumns().forEach(c -> rows.add(new MappingRow(ops.table(), c.name(), "", "add column " + c.type()
                + " · down drops it")));
        ops.indexes().forEach(i -> rows.add(new MappingRow(ops.table(), String.join(", ", i.columns()), "",
                "index " + i.name() + " (built concurrently) · down drops it")));
        if (ops.backfill() != null) {
            ColumnBackfillPlan.Backfill b = ops.backfill();
            rows.add(new MappingRow(ops.table(), b.column(), b.expression(), "backfill = " + b.expression()
                    + (b.filter() == null ? "" : " · where " + b.filter()) + " · batches of " + b.batchSize()));
        }
        return rows;
    }

    /** Every field of every target, {@code each} elements flattened as {@code history[].step}. */
    public static List<MappingRow> of(Plan plan) {
        List<MappingRow> rows = new ArrayList<>();
        for (TargetSpec target : plan.targets()) {
            if (target.id() != null) {
                add(rows, target.collection(), "_id", target.id(), "");
            }
            if (target.fansOut()) {
                TargetOptions.FanOut fan = target.options().fanOut();
                List<String> key = target.options().keyOrDefault();
                rows.add(new MappingRow(target.collection(), "_id", fan.path() + "[]", "one record per element: "
                        + key.get(0) + " = " + (fan.parent() == null ? "the source key" : fan.parent() + "'s _id")
                        + ", " + key.get(1) + " = the element's position"));
            }
            String prefix = target.fansOut() ? target.options().fanOut().path() + "[]." : "";
            target.fields().forEach((field, rule) -> add(rows, target.collection(), field, rule, prefix));
        }
        return rows;
    }

    private static void add(List<MappingRow> rows, String target, String field, FieldRule rule, String prefix) {
        String source = sources(rule);
        rows.add(new MappingRow(target, field, source.isEmpty() || rule instanceof FieldRule.Embed ? source
                : prefix + source, describe(rule)));
        if (rule instanceof FieldRule.Each each && each.fields() != null) {
            each.fields().forEach((sub, subRule) -> add(rows, target, field + "[]." + sub, subRule, prefix));
        }
        if (rule instanceof FieldRule.Embed embed && embed.fields() != null) {
            String inner = embed.relation() + ".";
            embed.fields().forEach((sub, subRule) -> add(rows, target, field + (embed.many() ? "[]." : ".") + sub,
                    subRule, inner));
        }
    }

    static String sources(FieldRule rule) {
        if (rule instanceof FieldRule.From from) {
            return from.path();
        }
        if (rule instanceof FieldRule.Coalesce c) {
            return c.candidates().stream().map(MappingRow::sources).filter(s -> !s.isEmpty())
                    .collect(Collectors.joining(", "));
        }
        if (rule instanceof FieldRule.Each each) {
            return each.path() + "[]";
        }
        if (rule instanceof FieldRule.Embed embed) {
            return embed.relation() + (embed.many() ? "[]" : "");
        }
        if (rule instanceof FieldRule.Template t) {
            return t.placeholders().stream().map(p -> "(" + p + ")").collect(Collectors.joining(", "));
        }
        return "";
    }

    static String describe(FieldRule rule) {
        String base;
        if (rule instanceof FieldRule.From) {
            base = "copy";
        } else if (rule instanceof FieldRule.Coalesce) {
            base = "coalesce (first non-null)";
        } else if (rule instanceof FieldRule.Generate g) {
            base = "generate " + g.kind();
        } else if (rule instanceof FieldRule.Template t) {
            base = "template \"" + t.template() + "\"";
        } else if (rule instanceof FieldRule.Expr e) {
            base = "expr " + e.expression();
        } else if (rule instanceof FieldRule.Value v) {
            base = "value " + show(v.value());
        } else if (rule instanceof FieldRule.Each each) {
            base = (each.fields() == null ? "each element → " + describe(each.element())
                    : "each element → " + each.fields().size() + " fields")
                    + (each.filter() == null ? "" : " · filter " + each.filter());
        } else if (rule instanceof FieldRule.Embed e) {
            base = (e.many() ? "embed the related records of " : "embed the related record of ") + e.relation()
                    + (e.match().isEmpty() ? " (by foreign key)" : " where " + String.join(" and ", e.match().entrySet()
                    .stream().map(m -> e.relation() + "." + m.getKey() + " = " + m.getValue()).toList()))
                    + (e.orderBy().isEmpty() ? "" : " · order by " + String.join(", ", e.orderBy()))
                    + (e.fields() == null ? " · whole record" : " → " + e.fields().size() + " fields");
        } else if (rule instanceof FieldRule.Index i) {
            base = i.offset() == 0 ? "element index" : "element index + " + i.offset();
        } else {
            base = rule.getClass().getSimpleName();
        }
        RuleOptions o = rule.options();
        List<String> extras = new ArrayList<>();
        if (o.hasDefault()) {
            extras.add("default " + show(o.defaultValue()));
        }
        if (o.convert() != null) {
            extras.add("convert " + o.convert().describe());
        }
        if (o.when() != null) {
            extras.add("when " + o.when());
        }
        if (o.required()) {
            extras.add("required");
        }
        return extras.isEmpty() ? base : base + " · " + String.join(" · ", extras);
    }

    private static String show(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            String text = String.valueOf(value);
            return text.length() > 40 ? text.substring(0, 37) + "…" : text;
        }
        return String.valueOf(value);
    }
}
