package dev.ferry.cli;

import dev.ferry.engine.RunEvent;
import java.util.Locale;

/** The one-line texts of engine events, shared by the progress bar and the line display. */
final class EventLines {

    private EventLines() {
    }

    static String started(RunEvent.Started s) {
        String total = s.total() >= 0 ? HumanFormat.count(s.total()) + " records" : "records";
        return (s.resumed() ? "Resuming run " : "Started run ") + s.runId() + " of " + s.plan() + ": " + total
                + (s.alreadyProcessed() > 0 ? " (" + HumanFormat.count(s.alreadyProcessed()) + " already done)" : "");
    }

    static String stateChanged(RunEvent.StateChanged c) {
        return "Run " + c.runId() + " is " + c.state().label()
                + (c.reason() == null || c.reason().isBlank() ? "" : ": " + c.reason());
    }

    static String breached(RunEvent.GuardrailBreached g) {
        return String.format(Locale.ROOT, "Guardrail %s breached: %s, limit %s. Ferry will %s.", g.guardrail(),
                number(g.observed()), number(g.limit()), g.action().toLowerCase(Locale.ROOT));
    }

    static String undo(RunEvent.UndoProgress u) {
        return "Undo: " + HumanFormat.count(u.done()) + "/" + HumanFormat.count(u.total()) + " entries replayed";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? HumanFormat.count((long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
