package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.Selection;
import dev.ferry.engine.set.SetRefusedException;
import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.engine.set.VersionStatus;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Picks the versions a set run takes, in the order it takes them, and refuses what must not run: a version whose
 * file changed after it was applied (checksum mismatch) stops that version and every later one until repaired.
 */
final class SetSelector {

    private SetSelector() {
    }

    static List<VersionStatus> forUp(SetStatusReport report, Selection selection) {
        List<VersionStatus> all = report.versions();
        List<VersionStatus> picked = switch (selection.mode()) {
            case ALL -> all.stream().filter(VersionStatus::applicable).toList();
            case TO -> {
                requireFile(report, selection.version());
                yield all.stream().filter(v -> v.version() <= selection.version())
                        .filter(VersionStatus::applicable).toList();
            }
            case ONLY -> {
                VersionStatus only = requireFile(report, selection.version());
                yield only.applicable() ? List.of(only) : List.of();
            }
        };
        refuseMismatch(report, picked, "apply");
        return picked;
    }

    static List<VersionStatus> forDown(SetStatusReport report, Selection selection) {
        List<VersionStatus> newestFirst = report.versions().stream()
                .sorted(Comparator.comparingLong(VersionStatus::version).reversed()).toList();
        List<VersionStatus> picked = switch (selection.mode()) {
            case ALL -> newestFirst.stream().filter(VersionStatus::undoable).toList();
            case TO -> {
                if (selection.version() != 0) {
                    require(report, selection.version());
                }
                yield newestFirst.stream().filter(v -> v.version() > selection.version())
                        .filter(VersionStatus::undoable).toList();
            }
            case ONLY -> {
                VersionStatus only = require(report, selection.version());
                yield only.undoable() ? List.of(only) : List.of();
            }
        };
        refuseMismatch(report, picked, "roll back");
        return picked;
    }

    private static void refuseMismatch(SetStatusReport report, List<VersionStatus> picked, String verb) {
        Optional<VersionStatus> first = report.versions().stream().filter(VersionStatus::checksumMismatch).findFirst();
        if (first.isEmpty() || picked.stream().noneMatch(v -> v.version() >= first.get().version())) {
            return;
        }
        VersionStatus m = first.get();
        throw new SetRefusedException("Refusing to " + verb + " " + labels(picked) + ": " + m.script()
                + " changed after V" + m.label() + " was applied (checksum recorded " + SetInspector.shortSum(
                m.recordedChecksum()) + ", file now " + SetInspector.shortSum(m.fileChecksum()) + "). Ferry never"
                + " re-runs an applied version. Restore the file as it was, or — if the change is intended and"
                + " already reflected in the database (a comment, a reformat) — run 'ferry set repair' to accept it."
                + " Nothing was changed.");
    }

    private static VersionStatus requireFile(SetStatusReport report, long version) {
        VersionStatus v = require(report, version);
        if (v.fileMissing()) {
            throw SetRefusedException.badInput("V" + v.label() + " is in the history but its file is not in the folder;"
                    + " it cannot be applied.");
        }
        return v;
    }

    private static VersionStatus require(SetStatusReport report, long version) {
        return report.versions().stream().filter(v -> v.version() == version).findFirst()
                .orElseThrow(() -> SetRefusedException.badInput("Set " + report.set() + " has no version " + version
                        + "; its versions are " + labels(report.versions()) + "."));
    }

    static String labels(List<VersionStatus> versions) {
        return versions.isEmpty() ? "none" : versions.stream().map(v -> "V" + v.label())
                .collect(Collectors.joining(", "));
    }
}
