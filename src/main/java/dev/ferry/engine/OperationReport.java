package dev.ferry.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one runbook operation of a plan did ({@code ferry pg op NAME}), whatever its kind: every kind's operations
 * answer with this record, so the CLI prints them all alike and {@code --json} prints exactly this.
 *
 * @param ok         true when the operation did all it set out to do; a refused, failed or paused one is not ok
 * @param runId      the plan's run it worked on, or null when it has none
 * @param state      where that run stands afterwards, in words ("step swapped", "interrupted at step filled"), or null
 * @param counts     table to rows: copied, counted, put back or backfilled
 * @param lines      what was done, found or verified, one line each, for a person
 * @param grids      figures as tables (the columns to convert, the rows at fault, migration_log), in order
 * @param validation the checks, when the operation validated; else null
 */
public record OperationReport(String plan, String operation, boolean ok, String runId, String state,
                              Map<String, Long> counts, Duration elapsed, List<String> lines, List<Grid> grids,
                              ValidationReport validation) {

    public OperationReport {
        counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        lines = List.copyOf(lines);
        grids = List.copyOf(grids);
    }

    /**
     * A table of figures with a title: the cells are text, whole numbers, instants or durations (null for none), which
     * the CLI writes as a person reads them and {@code --json} keeps as they are.
     */
    public record Grid(String title, List<String> columns, List<List<Object>> rows) {

        public Grid {
            columns = List.copyOf(columns);
            rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new ArrayList<>(r))).toList();
        }

        /** A grid with {@code columns} and no rows yet, to fill with {@link #with}. */
        public static Grid of(String title, String... columns) {
            return new Grid(title, Arrays.asList(columns), List.of());
        }

        /** This grid with one more row. */
        public Grid with(Object... cells) {
            List<List<Object>> more = new ArrayList<>(rows);
            more.add(Arrays.asList(cells));
            return new Grid(title, columns, more);
        }
    }
}
