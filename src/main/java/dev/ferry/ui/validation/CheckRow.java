package dev.ferry.ui.validation;

import dev.ferry.engine.CheckResult;
import dev.ferry.plan.CheckSpec;
import dev.ferry.service.Tone;
import dev.ferry.ui.common.Formats;

/**
 * One line of the checklist: a check of the plan and, once run, its latest result. A PostgreSQL operation plan's
 * checks are the engine's (they follow from the catalog), so its rows have a result and no spec.
 */
public record CheckRow(CheckSpec spec, CheckResult result, boolean running) {

    public static CheckRow notRun(CheckSpec spec) {
        return new CheckRow(spec, null, false);
    }

    public String name() {
        return spec != null ? spec.name() : result.name();
    }

    public String method() {
        if (result != null) {
            return result.method();
        }
        if (spec == null) {
            return "—";
        }
        if (spec instanceof CheckSpec.Sample sample) {
            return "sample of " + Formats.count(sample.size());
        }
        return spec instanceof CheckSpec.Count ? "count" : spec instanceof CheckSpec.Predicate ? "predicate" : "checksum";
    }

    public Tone tone() {
        if (running) {
            return Tone.RUNNING;
        }
        if (result == null) {
            return Tone.UNKNOWN;
        }
        return switch (result.status()) {
            case PASSED -> Tone.OK;
            case FAILED -> Tone.FAIL;
            case COULD_NOT_CHECK -> Tone.UNKNOWN;
        };
    }

    /** The status word: never only a colour. */
    public String status() {
        if (running) {
            return "checking…";
        }
        if (result == null) {
            return "not run";
        }
        return switch (result.status()) {
            case PASSED -> "passed";
            case FAILED -> "mismatched";
            case COULD_NOT_CHECK -> "cannot check";
        };
    }

    /** Checked out of total ("1,000 of 10,518"), or a dash. */
    public String coverage() {
        if (result == null) {
            return "—";
        }
        return result.total() > 0 ? Formats.count(result.checked()) + " of " + Formats.count(result.total())
                : Formats.count(result.checked());
    }

    public String mismatched() {
        return result == null ? "—" : Formats.count(result.mismatched());
    }

    public String summary() {
        return result == null ? "" : result.summary();
    }

    public String took() {
        return result == null ? "—" : Formats.duration(result.took());
    }
}
