package dev.ferry.engine.split;

import dev.ferry.engine.RepairReport.Item;
import dev.ferry.engine.RepairReport.Problem;
import dev.ferry.engine.split.TargetMismatches.Mismatch;
import dev.ferry.store.SourceKeys;

/**
 * Whether a repair writes one mismatched target, and why: a missing target is written again, one still as the run
 * wrote it (its source changed since) is brought up to date, one someone else changed since (or whose history cannot
 * be told) only when its key was asked for; a record that maps with errors now is never written.
 *
 * @param matchesNow after the repair, whether the target matches; null before
 */
record RepairDecision(Mismatch mismatch, Problem problem, String detail, boolean repair, Boolean matchesNow) {

    static RepairDecision of(Mismatch m, boolean askedByKey, WrittenByTheRun.Since since) {
        String key = SourceKeys.render(m.sourceKey());
        return switch (m.problem()) {
            case MAPS_WITH_ERRORS -> new RepairDecision(m, m.problem(), m.detail() + " — fix the record or its rule:"
                    + " a run would quarantine it", false, null);
            case MISSING -> new RepairDecision(m, m.problem(), m.detail(), true, null);
            default -> switch (since) {
                case UNCHANGED -> new RepairDecision(m, Problem.DIFFERS, m.detail() + " (the target is as the run"
                        + " wrote it: its source changed since)", true, null);
                case CHANGED, UNKNOWN -> new RepairDecision(m, since == WrittenByTheRun.Since.CHANGED
                        ? Problem.CHANGED_SINCE_RUN : Problem.UNKNOWN_SINCE_RUN, m.detail() + (askedByKey
                        ? " — repaired as asked for by key" : " — left alone; to overwrite it, repair it by key (--key "
                        + key + ")"), askedByKey, null);
            };
        };
    }

    Item item() {
        return new Item(SourceKeys.render(mismatch.sourceKey()), mismatch.target(), problem, detail, repair,
                matchesNow);
    }

    RepairDecision checked(boolean matches) {
        return new RepairDecision(mismatch, problem, detail, repair, matches);
    }
}
