package dev.ferry.engine.postgres;

import dev.ferry.engine.OperationReport;
import dev.ferry.store.postgres.MigrationLogTable;
import java.util.List;

/** migration_log's newest rows as a grid of figures, for the runbooks' status operations. */
public final class MigrationLogGrid {

    private MigrationLogGrid() {
    }

    public static OperationReport.Grid of(List<MigrationLogTable.Entry> entries) {
        OperationReport.Grid grid = OperationReport.Grid.of("migration_log, newest first", "operation", "status",
                "started_at", "completed_at", "message");
        for (MigrationLogTable.Entry e : entries) {
            grid = grid.with(e.operation(), e.status(), e.startedAt(), e.completedAt(), e.message());
        }
        return grid;
    }
}
