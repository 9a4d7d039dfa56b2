package dev.ferry.cli;

import dev.ferry.engine.OperationReport;
import dev.ferry.format.HumanFormat;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** A runbook operation's {@link OperationReport} for a person; {@code --json} prints the same record instead. */
final class OperationText {

    /** Longer text in a table cell (a migration_log message) is cut here; --json keeps it whole. */
    private static final int CELL = 100;

    private OperationText() {
    }

    static void print(OperationReport r, PrintWriter out, boolean verbose) {
        String run = r.runId() == null ? "" : " (run " + r.runId() + (r.state() == null ? "" : ", " + r.state()) + ")";
        out.println((r.ok() ? "✓ " : "✗ ") + r.operation() + " of " + r.plan() + run + " in "
                + HumanFormat.duration(r.elapsed()));
        r.lines().forEach(l -> out.println("  " + l));
        if (!r.counts().isEmpty()) {
            out.println("  rows: " + r.counts().entrySet().stream()
                    .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue())).collect(Collectors.joining(", ")));
        }
        for (OperationReport.Grid grid : r.grids()) {
            grid(grid, out);
        }
        if (r.validation() != null) {
            ValidateCommand.print(r.validation(), out, verbose);
        }
    }

    private static void grid(OperationReport.Grid grid, PrintWriter out) {
        if (grid.rows().isEmpty()) {
            out.println("  " + grid.title() + ": none");
            return;
        }
        out.println("  " + grid.title() + ":");
        String[] headers = new String[grid.columns().size()];
        for (int i = 0; i < headers.length; i++) {
            headers[i] = (numbers(grid.rows(), i) ? ">" : "") + grid.columns().get(i);
        }
        TextTable table = new TextTable(headers);
        grid.rows().forEach(row -> table.row(row.stream().map(OperationText::cell).toArray()));
        table.print(out, "    ");
    }

    private static boolean numbers(List<List<Object>> rows, int column) {
        return rows.stream().map(r -> column < r.size() ? r.get(column) : null)
                .allMatch(c -> c == null || c instanceof Number || c instanceof Duration);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number n) {
            return HumanFormat.count(n.longValue());
        }
        if (value instanceof Instant at) {
            return HumanFormat.time(at);
        }
        if (value instanceof Duration d) {
            return HumanFormat.duration(d);
        }
        String text = value.toString();
        return text.length() <= CELL ? text : text.substring(0, CELL - 3) + "...";
    }
}
