package dev.ferry.engine.split.create;

import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.FieldRule;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.postgres.ColumnTypes;
import dev.ferry.store.postgres.NewTable;
import dev.ferry.store.postgres.NewTable.ColumnDef;
import dev.ferry.store.postgres.NewTable.ForeignKeyDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The table a run creates for a table target: a column per key column and mapped field, typed by the field's
 * {@code type:}, else its {@code convert:}, else the source column it copies, else the values the mapping produced
 * for a sample of records ({@link ColumnTypes}); NOT NULL where a rule is required; a fan-out table's foreign key to
 * its parent's table.
 */
final class TableDesign {
    /** A fan-out record's position in its parent's array. */
    private static final String POSITION_TYPE = "integer";

    private final Map<String, String> sourceColumns;

    /** @param sourceColumns the source table's (view's, query's) columns with their types; empty for a collection */
    TableDesign(Map<String, String> sourceColumns) {
        this.sourceColumns = sourceColumns;
    }

    /**
     * @param sample   the documents the mapping produced for this target from the first records of the source
     * @param parentKey the parent table's key column and type when the target fans out under a table target
     */
    NewTable design(TargetSpec spec, List<Document> sample, ParentKey parentKey) {
        List<ColumnDef> columns = new ArrayList<>();
        List<String> key = spec.options().keyOrDefault();
        List<ForeignKeyDef> foreignKeys = new ArrayList<>();
        if (spec.fansOut()) {
            String parentType = parentKey != null ? parentKey.type()
                    : sampled(sample, d -> d.get("_id") instanceof Document id ? id.get(key.get(0)) : null);
            columns.add(new ColumnDef(key.get(0), parentType, true, parentKey != null ? "the key of "
                    + parentKey.table() : "the parent record's key"));
            columns.add(new ColumnDef(key.get(1), POSITION_TYPE, true, "the element's position"));
            if (parentKey != null) {
                foreignKeys.add(new ForeignKeyDef(List.of(key.get(0)), parentKey.table(), List.of(parentKey.column())));
            }
        } else {
            Typed id = typed(spec.id(), sample, "_id", true);
            columns.add(new ColumnDef(key.get(0), id.type(), true, id.why()));
        }
        for (String column : PlanStores.columns(spec)) {
            FieldRule rule = spec.fields().get(column);
            boolean nested = rule == null; // only dotted fields under it: a document
            Typed t = nested ? new Typed("jsonb", "fields " + column + ".*") : typed(rule, sample, column, spec.fansOut());
            columns.add(new ColumnDef(column, t.type(), !nested && rule.options().required(), t.why()));
        }
        return new NewTable(spec.collection(), columns, key, foreignKeys);
    }

    /** The column type and where it comes from. */
    private Typed typed(FieldRule rule, List<Document> sample, String field, boolean fromElement) {
        if (rule.options().type() != null) {
            return new Typed(rule.options().type(), "type: " + rule.options().type());
        }
        if (rule.options().convert() != null) {
            return new Typed(ColumnTypes.of(rule.options().convert().type()), "convert: "
                    + rule.options().convert().type().planName());
        }
        if (!fromElement && rule instanceof FieldRule.From from && sourceColumns.containsKey(from.path())) {
            return new Typed(sourceColumns.get(from.path()), "source column " + from.path());
        }
        String type = sampled(sample, d -> d.get(field));
        return new Typed(type, sample.isEmpty() ? "no records to sample: text" : "values of " + sample.size()
                + " sampled records");
    }

    private static String sampled(List<Document> sample, java.util.function.Function<Document, Object> value) {
        String type = null;
        for (Document d : sample) {
            type = ColumnTypes.merge(type, ColumnTypes.of(value.apply(d)));
        }
        return type == null ? ColumnTypes.UNKNOWN : type;
    }

    private record Typed(String type, String why) { }

    /** The key a fan-out table's parent column references: the parent table, its key column and type. */
    record ParentKey(String table, String column, String type) { }
}
