package dev.ferry.ui.rollback;

import dev.ferry.format.HumanFormat;
import dev.ferry.service.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One line of the restored-state checklist: what was checked, its status, and the evidence in words. */
public record RestoredCheck(String name, Tone tone, String status, String detail) {

    /**
     * The engine's verification lines ("t: before the run …; now … — match") as checklist rows; a line without a
     * verdict (documents kept because someone changed them since) is a warning, not a failure.
     */
    static List<RestoredCheck> of(List<String> verification) {
        List<RestoredCheck> checks = new ArrayList<>();
        for (String line : verification) {
            int dash = line.lastIndexOf(" — ");
            int colon = line.indexOf(": ");
            if (line.contains(": created by the run but kept")) { // a created target someone else wrote to since
                checks.add(new RestoredCheck(line.substring(0, line.indexOf(": ")) + " not dropped", Tone.FAIL, "kept",
                        line.substring(line.indexOf(": ") + 2)));
                continue;
            }
            if (line.endsWith(": created by the run, dropped")) { // a row of its own from the report's dropped list
                continue;
            }
            if (line.contains(": created by the run and dropped — ")) {
                checks.add(new RestoredCheck(line.substring(0, colon) + " absent, as before the run", Tone.OK,
                        "passed", line.substring(colon + 2)));
                continue;
            }
            if (dash < 0 || colon < 0 || colon > dash) {
                checks.add(new RestoredCheck("documents kept", Tone.PENDING, "kept", line));
                continue;
            }
            String verdict = line.substring(dash + 3);
            boolean ok = verdict.startsWith("match") || verdict.startsWith("unchanged");
            String name = line.substring(0, colon);
            boolean source = name.contains("(source");
            if (source) { // the source changing is its applications' doing, never a failed rollback
                checks.add(new RestoredCheck(name.substring(0, name.indexOf(" (")) + " (source) unchanged",
                        ok ? Tone.OK : Tone.PENDING, ok ? "passed" : "changed", line.substring(colon + 2, dash)
                        + " — " + verdict));
                continue;
            }
            checks.add(new RestoredCheck(name + " matches its pre-run checksum", ok ? Tone.OK : Tone.FAIL,
                    ok ? "passed" : "failed", line.substring(colon + 2, dash) + " — " + verdict));
        }
        return checks;
    }

    /**
     * A PostgreSQL rollback's lines: "users: 600 rows (600 before), column types as before: restored" is a check of
     * that table (": MISMATCH" fails it); any other line says what was done and is shown as done.
     */
    static List<RestoredCheck> ofTables(List<String> verification) {
        List<RestoredCheck> checks = new ArrayList<>();
        for (String line : verification) {
            int colon = line.indexOf(": ");
            boolean restored = line.endsWith(": restored");
            boolean mismatch = line.endsWith(": MISMATCH");
            if (colon < 0 || !(restored || mismatch)) {
                checks.add(new RestoredCheck("rollback step", Tone.OK, "done", line));
                continue;
            }
            String table = line.substring(0, colon);
            String evidence = line.substring(colon + 2, line.lastIndexOf(": "));
            checks.add(new RestoredCheck(table + " as before the run", restored ? Tone.OK : Tone.FAIL,
                    restored ? "passed" : "failed", evidence));
        }
        return checks;
    }

    /** A collection, table or index the run had created, dropped by the rollback ("collection x (created by the run)"). */
    static RestoredCheck dropped(String what) {
        int paren = what.indexOf(" (");
        return new RestoredCheck((paren < 0 ? what : what.substring(0, paren)) + " dropped", Tone.OK, "dropped",
                "the run created it: it did not exist before the run");
    }

    /** One row per target: what the undo did, beside what the confirmation said it would do. */
    static RestoredCheck undo(String target, long deleted, long restored, long expectedDelete, long expectedRestore) {
        boolean asSaid = deleted == expectedDelete && restored == expectedRestore;
        return new RestoredCheck(target + ": undo applied", asSaid ? Tone.OK : Tone.PENDING, asSaid ? "passed" : "differs",
                HumanFormat.count(deleted) + " deleted (expected " + HumanFormat.count(expectedDelete) + "), "
                        + HumanFormat.count(restored) + " restored (expected " + HumanFormat.count(expectedRestore) + ")");
    }

    static long get(Map<String, Long> counts, String target) {
        return counts.getOrDefault(target, 0L);
    }
}
