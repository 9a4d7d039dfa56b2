package dev.ferry.store.postgres;

import dev.ferry.expr.ClosestName;
import dev.ferry.plan.FieldRule;
import java.util.ArrayList;
import java.util.List;

/**
 * The order of an embedded array, as SQL: the plan's {@code order_by} columns, then the related table's primary key
 * (so rows the plan's order leaves tied still come in one order, run after run, and checksums agree).
 */
final class RelatedOrder {

    private RelatedOrder() {
    }

    static String of(PostgresTable table, FieldRule.Embed rule) {
        List<String> terms = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (String item : rule.orderBy()) {
            String[] parts = item.split(" ");
            String column = parts[0];
            if (table.column(column).isEmpty()) {
                throw RelatedMatch.problem(rule, "order_by: " + table.qualified() + " has no column " + column
                        + ClosestName.hint(column, table.columns().stream().map(PostgresTable.Column::name).toList()),
                        null);
            }
            named.add(column);
            boolean desc = parts.length > 1 && parts[1].equalsIgnoreCase("desc");
            terms.add("t." + SqlNames.quote(column) + (desc ? " DESC" : ""));
        }
        for (String key : table.primaryKeyColumns()) {
            if (!named.contains(key)) {
                terms.add("t." + SqlNames.quote(key));
            }
        }
        if (terms.isEmpty()) { // a view, unordered by the plan: every column, so the order is still one order
            table.columns().forEach(c -> terms.add("t." + SqlNames.quote(c.name())));
        }
        return String.join(", ", terms);
    }
}
