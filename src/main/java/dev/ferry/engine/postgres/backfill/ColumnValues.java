package dev.ferry.engine.postgres.backfill;

import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Which of a postgres-operations plan's new columns exist now, and how many rows hold a value in each. Reads only. */
final class ColumnValues {

    private final PostgresStore store;
    private final ColumnBackfillPlan plan;

    ColumnValues(PostgresStore store, ColumnBackfillPlan plan) {
        this.store = store;
        this.plan = plan;
    }

    /** {@code "predictions.accuracy (column)"} to its non-null rows, for each of the plan's columns still there. */
    Map<String, Long> present() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        Optional<TableInfo> table = new PostgresCatalog(store.connection()).table(plan.schema(), plan.table());
        if (table.isEmpty()) {
            return out;
        }
        for (ColumnBackfillPlan.NewColumn c : plan.addColumns()) {
            if (table.get().column(c.name()).isPresent()) {
                try (Statement s = store.connection().createStatement();
                     ResultSet r = s.executeQuery("SELECT count(" + SqlNames.quote(c.name()) + ") FROM "
                             + table.get().qualified())) {
                    r.next();
                    out.put(plan.table() + "." + c.name() + " (column)", r.getLong(1));
                }
            }
        }
        return out;
    }
}
