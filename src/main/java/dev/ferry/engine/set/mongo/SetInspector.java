package dev.ferry.engine.set.mongo;

import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.engine.set.VersionStatus;

import dev.ferry.plan.MigrationFile;
import dev.ferry.plan.MigrationSet;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.journal.LeaseRecord;
import dev.ferry.store.mongo.MongoSetHistory;
import dev.ferry.store.mongo.MongoStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.bson.Document;

/** Reads a set's files beside its history and its lease into one {@link SetStatusReport}. Reads only. */
final class SetInspector {

    private final MongoStore store;
    private final MongoSetHistory history;
    private final String leaseName;

    SetInspector(MongoStore store, String leaseName) {
        this.store = store;
        this.history = new MongoSetHistory(store);
        this.leaseName = leaseName;
    }

    SetStatusReport inspect(MigrationSet set) {
        Optional<LeaseRecord> lease = MongoLease.holder(store, leaseName);
        Map<Long, Document> recorded = history.entries(set.name());
        TreeSet<Long> versions = new TreeSet<>(recorded.keySet());
        set.files().forEach(f -> versions.add(f.version()));
        List<VersionStatus> out = new ArrayList<>();
        for (long v : versions) {
            out.add(status(set.file(v).orElse(null), recorded.get(v), lease));
        }
        return new SetStatusReport(set.name(), store.databaseName(), out, lease.map(SetLease::info).orElse(null));
    }

    private static VersionStatus status(MigrationFile file, Document h, Optional<LeaseRecord> lease) {
        if (h == null) {
            return new VersionStatus(file.version(), file.label(), file.description(), file.fileName(), "pending",
                    false, false, false, false, null, file.checksum(), null, null, null, Map.of(), null, "");
        }
        String status = h.getString("status");
        boolean running = "pending".equals(status) && lease.map(LeaseRecord::owner)
                .filter(o -> o.equals(h.getString("owner"))).isPresent();
        boolean interrupted = "pending".equals(status) && !running;
        boolean missing = file == null;
        boolean mismatch = !missing && "completed".equals(status) && !file.checksum().equals(h.getString("checksum"));
        String script = missing ? h.getString("script") : file.fileName();
        String note = note(h, file, status, running, interrupted, mismatch, missing);
        Map<String, Long> counts = new LinkedHashMap<>();
        Document c = h.get("counts", Document.class);
        if (c != null) {
            c.forEach((k, n) -> counts.put(k, ((Number) n).longValue()));
        }
        Instant applied = h.getDate("appliedAt") == null ? null : h.getDate("appliedAt").toInstant();
        Duration took = h.get("durationMs") instanceof Number n ? Duration.ofMillis(n.longValue()) : null;
        return new VersionStatus(((Number) h.get("version")).longValue(), h.getString("label"),
                missing ? h.getString("description") : file.description(), script, status, true, interrupted,
                mismatch, missing, h.getString("checksum"), missing ? null : file.checksum(), h.getString("operator"),
                applied, took, counts, h.getString("error"), note);
    }

    private static String note(Document h, MigrationFile file, String status, boolean running, boolean interrupted,
                               boolean mismatch, boolean missing) {
        String label = "V" + h.getString("label");
        if (running) {
            return "being " + ("down".equals(h.getString("action")) ? "rolled back" : "applied") + " now by "
                    + h.getString("operator") + " on " + h.getString("host");
        }
        if (interrupted) {
            return "interrupted: the process " + ("down".equals(h.getString("action")) ? "rolling it back" : "applying it")
                    + " stopped; run 'set up' to re-apply it (what it did is undone first) or 'set down --only "
                    + h.getString("label") + "' to roll it back";
        }
        if (mismatch) {
            return "checksum mismatch: " + file.fileName() + " changed after it was applied (recorded "
                    + shortSum(h.getString("checksum")) + ", file now " + shortSum(file.checksum()) + "); restore the"
                    + " file, or run 'set repair' to accept the change. " + label + " and later versions will not run"
                    + " until then";
        }
        if (missing) {
            return "file missing: " + h.getString("script") + " is in the history but not in the folder";
        }
        if ("failed".equals(status)) {
            return "failed: fix the cause, then 'set up' retries it (what the failed attempt did is undone first)";
        }
        return "";
    }

    static String shortSum(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }
}
