package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import dev.ferry.engine.set.Direction;
import dev.ferry.engine.set.SetEvent;
import dev.ferry.engine.set.SetListener;
import dev.ferry.engine.set.VersionResult;
import java.io.PrintWriter;
import java.util.stream.Collectors;

/**
 * A set run's progress as lines: each version as it starts and ends, each operation, and batch progress at most
 * once a second per operation (a terminal or a log file reads the same).
 */
final class SetProgressLines implements SetListener {

    private static final long EVERY_NANOS = 1_000_000_000L;

    private final PrintWriter out;
    private long lastProgress;

    SetProgressLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void on(SetEvent event) {
        if (event instanceof SetEvent.VersionStarted s) {
            out.println("[" + s.index() + "/" + s.total() + "] " + (s.direction() == Direction.UP ? "Applying"
                    : "Rolling back") + " V" + s.label() + ": " + s.description());
        } else if (event instanceof SetEvent.StepStarted s) {
            out.println("      " + (s.step() == 0 ? "" : s.step() + "/" + s.steps() + " ") + s.description());
            lastProgress = System.nanoTime();
        } else if (event instanceof SetEvent.StepProgress p && System.nanoTime() - lastProgress > EVERY_NANOS) {
            lastProgress = System.nanoTime();
            out.println("        " + HumanFormat.count(p.done()) + (p.total() < 0 ? "" : "/" + HumanFormat.count(
                    p.total())) + " documents");
        } else if (event instanceof SetEvent.VersionFinished f) {
            out.println("      " + line(f.result()));
        }
        out.flush();
    }

    /** "✓ completed in 0.3 s: updated 2,000, already_had_field 286" or "✗ failed after 0.1 s: …". */
    static String line(VersionResult r) {
        String counts = r.counts().entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> e.getKey() + " " + HumanFormat.count(e.getValue())).collect(Collectors.joining(", "));
        if (r.failed()) {
            return "✗ failed after " + HumanFormat.duration(r.duration()) + ": " + r.error();
        }
        return "✓ " + r.status().replace('_', ' ') + " in " + HumanFormat.duration(r.duration())
                + (counts.isEmpty() ? "" : ": " + counts);
    }
}
