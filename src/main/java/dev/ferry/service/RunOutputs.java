package dev.ferry.service;

import dev.ferry.engine.RunReport;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.PlanKind;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/** What {@link RunService} publishes, whichever way the run is carried out (in a worker or in this process). */
record RunOutputs(ReadOnlyObjectWrapper<RunSnapshot> snapshot, ReadOnlyObjectWrapper<RunReport> report,
                  ReadOnlyBooleanWrapper active, ReadOnlyStringWrapper problem, ReadOnlyStringWrapper notice) {

    RunOutputs() {
        this(new ReadOnlyObjectWrapper<>(RunSnapshot.NONE), new ReadOnlyObjectWrapper<>(),
                new ReadOnlyBooleanWrapper(false), new ReadOnlyStringWrapper(""), new ReadOnlyStringWrapper(""));
    }

    /** How a run that stopped is described to the operator, in the plan kind's words. */
    static String outcome(RunReport r, PlanKind kind) {
        String counts = HumanFormat.count(r.processed()) + "/" + HumanFormat.count(r.total()) + " " + kind.records();
        return switch (r.state()) {
            case COMPLETED -> "Run " + r.runId() + " completed: " + counts + " in " + HumanFormat.duration(r.elapsed())
                    + (kind.supports(PlanKind.Capability.QUARANTINE) ? ", " + HumanFormat.count(r.quarantined())
                    + " quarantined" : "") + ". Validate it next.";
            case PAUSED -> "Paused at " + counts + (r.message().isBlank() ? "" : " (" + r.message() + ")")
                    + ". Resume continues from the last checkpoint.";
            case CANCELLED -> leftBehind("Cancelled at " + counts);
            case ROLLED_BACK -> "The run was halted and rolled back: " + r.message();
            default -> "The run " + r.state().label() + " at " + counts
                    + (r.message().isBlank() ? "" : ": " + r.message());
        };
    }

    static String leftBehind(String what) {
        return what + ". What the run wrote stays in the targets with its checkpoint and undo log: resume it"
                + " (History or Ctrl+R), or roll it back.";
    }
}
