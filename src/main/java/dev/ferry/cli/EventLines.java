package dev.ferry.cli;

import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunState;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.PlanKind;
import java.util.Locale;

/** The one-line texts of engine events, shared by the progress bar and the line display. */
final class EventLines {

    private EventLines() {
    }

    static String started(EngineJob job, PlanKind kind, RunEvent.Started s) {
        String total = s.total() >= 0 ? HumanFormat.count(s.total()) + " " : "";
        return switch (job) {
            case DRY_RUN -> "Dry run of " + s.plan() + ": mapping " + total + "source records, writing nothing";
            case ROLLBACK -> "Rolling back run " + s.runId() + " of " + s.plan() + ": " + total + kind.records()
                    + " to delete or restore";
            case RUN -> (s.resumed() ? "Resuming run " : "Started run ") + s.runId() + " of " + s.plan() + ": "
                    + total + kind.records()
                    + (s.alreadyProcessed() > 0 ? " (" + HumanFormat.count(s.alreadyProcessed()) + " already done)" : "");
        };
    }

    /** The line for a state change, or null when the job's own lines already say it. */
    static String stateChanged(EngineJob job, RunEvent.StateChanged c) {
        if (job == EngineJob.ROLLBACK && c.state() == RunState.ROLLING_BACK) {
            return null; // the Started line says "Rolling back run …"
        }
        String reason = reasonBeyondLabel(c.state(), c.reason());
        return "Run " + c.runId() + " is " + c.state().label() + (reason.isEmpty() ? "" : ": " + reason);
    }

    /** The engine's reasons often start with the state itself ("rolled back; targets match …"): say it once. */
    static String reasonBeyondLabel(RunState state, String reason) {
        if (reason == null) {
            return "";
        }
        String r = reason.strip();
        String label = state.label();
        if (r.regionMatches(true, 0, label, 0, label.length())) {
            r = r.substring(label.length()).replaceFirst("^[\\s;:,.\\-—]+", "");
        }
        return r;
    }

    static String breached(RunEvent.GuardrailBreached g) {
        return String.format(Locale.ROOT, "Guardrail %s breached: %s, limit %s. Ferry will %s.", g.guardrail(),
                number(g.observed()), number(g.limit()), g.action().toLowerCase(Locale.ROOT));
    }

    static String waiting(RunEvent.WaitingForDatabase w) {
        return String.format(Locale.ROOT, "Waiting for the database: %s. Retry %d in %.1f s; the run resumes from"
                + " its last checkpoint by itself.", w.reason(), w.attempt(), w.delay().toMillis() / 1000.0);
    }

    static String workerGone(RunEvent.WorkerGone w) {
        return "The run's worker" + (w.pid() > 0 ? " (pid " + w.pid() + " on " + w.host() + ")" : "")
                + " has not been heard from since " + HumanFormat.time(w.since()) + ": it is gone. Resume the run to"
                + " start a new one (ferry resume --plan …)" + (w.log() == null ? "." : "; its log: " + w.log());
    }

    static String settings(RunEvent.SettingsChanged s) {
        return "Settings changed by " + s.by() + ": batch size " + HumanFormat.count(s.batchSize()) + ", "
                + (s.rate() > 0 ? "rate limit " + HumanFormat.count(Math.round(s.rate())) + " records/s"
                : "no rate limit");
    }

    static String throttled(RunEvent.Throttled t) {
        return t.reason().isEmpty() ? "Throttle released: the target is back under its limits, batches go at full"
                + " pace." : Character.toUpperCase(t.reason().charAt(0)) + t.reason().substring(1) + ".";
    }

    /** What a partition line says beyond its counts: each range's state and takeovers (a line when it changes). */
    static String partitionsShape(RunEvent.PartitionsProgress p) {
        return p.partitions().stream().map(s -> s.state() + "/" + s.takeovers())
                .collect(java.util.stream.Collectors.joining(","));
    }

    /** "Partitions: 1 done 25,000/25,000 · 2 working 3,000/25,000 (taken over 1×) · 3 pending". */
    static String partitions(RunEvent.PartitionsProgress p) {
        return "Partitions: " + p.partitions().stream().map(EventLines::partition)
                .collect(java.util.stream.Collectors.joining(" · "));
    }

    static String partition(dev.ferry.engine.PartitionStatus s) {
        String word = switch (s.state()) {
            case "RUNNING" -> "working";
            case "DONE" -> "done";
            case "STOPPED" -> "stopped";
            default -> "pending";
        };
        return (s.index() + 1) + " " + word + ("PENDING".equals(s.state()) ? "" : " " + HumanFormat.count(s.processed())
                + (s.total() >= 0 ? "/" + HumanFormat.count(s.total()) : ""))
                + (s.takeovers() > 0 ? " (taken over " + s.takeovers() + "×)" : "");
    }

    static String undo(PlanKind kind, RunEvent.UndoProgress u) {
        return "Rollback: " + HumanFormat.count(u.done()) + "/" + HumanFormat.count(u.total()) + " " + kind.records()
                + " deleted or restored";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? HumanFormat.count((long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
