package dev.ferry.cli;

import dev.ferry.format.HumanFormat;
import dev.ferry.engine.set.LeaseInfo;
import dev.ferry.engine.set.RepairReport;
import dev.ferry.engine.set.SetReport;
import dev.ferry.engine.set.SetStatusReport;
import dev.ferry.engine.set.VersionStatus;
import java.io.PrintWriter;

/** The set verbs' results for a person: the version table, the run summary, the repair. */
final class SetPrinter {

    private SetPrinter() {
    }

    /**
     * <pre>
     * Version  Description                              Status     Applied at           Took   By
     * V001     Add subscription_id to orders …          completed  2026-01-27 14:30:02  0.3 s  dba
     * </pre>
     */
    static void versions(SetStatusReport r, PrintWriter out) {
        out.println("Set " + r.set() + " on database " + r.database() + ":");
        TextTable table = new TextTable("Version", "Description", "Status", "Applied at", ">Took", "By");
        for (VersionStatus v : r.versions()) {
            table.row("V" + v.label(), v.description(), badge(v), v.appliedAt() == null ? "-"
                    : HumanFormat.time(v.appliedAt()), v.duration() == null ? "-" : HumanFormat.duration(v.duration()),
                    v.operator() == null ? "-" : v.operator());
        }
        table.print(out, "  ");
        for (VersionStatus v : r.versions()) {
            if (!v.note().isEmpty()) {
                out.println("  V" + v.label() + ": " + v.note());
            }
            if (v.error() != null && !v.note().contains(v.error())) {
                out.println("  V" + v.label() + " error: " + v.error());
            }
        }
        lease(r.lease(), out);
    }

    static void summary(SetStatusReport r, PrintWriter out) {
        out.println("Set " + r.set() + " on database " + r.database() + ": at V" + r.current() + " · "
                + r.count("completed") + " completed, " + r.count("pending") + " pending, " + r.count("failed")
                + " failed, " + r.count("rolled_back") + " rolled back");
        for (VersionStatus v : r.versions()) {
            if (!v.note().isEmpty()) {
                out.println("  V" + v.label() + ": " + v.note());
            }
        }
        lease(r.lease(), out);
    }

    static void lease(LeaseInfo lease, PrintWriter out) {
        if (lease == null) {
            out.println("  Lease: free (no set run is working on this database)");
            return;
        }
        out.println("  Lease: held by " + lease.operator() + " on " + lease.host() + " (" + lease.doing() + ")");
        out.println("         owner " + lease.owner() + ", last heartbeat " + HumanFormat.time(lease.heartbeatAt())
                + ", expires " + HumanFormat.time(lease.expiresAt()) + " unless renewed");
    }

    static void report(SetReport r, PrintWriter out) {
        out.println((r.succeeded() ? "✓ " : "✗ ") + r.message() + " (" + HumanFormat.duration(r.elapsed()) + ")");
        if (!r.notRun().isEmpty()) {
            out.println("  Not run: " + String.join(", ", r.notRun()));
        }
    }

    static void repair(RepairReport r, PrintWriter out) {
        if (r.accepted().isEmpty()) {
            out.println("Nothing to repair: every applied version of " + r.set() + " matches its file.");
            return;
        }
        for (RepairReport.Accepted a : r.accepted()) {
            out.println("✓ V" + a.label() + ": accepted the changed " + a.script() + " (checksum "
                    + shorten(a.oldChecksum()) + " → " + shorten(a.newChecksum()) + "); it is not re-run.");
        }
    }

    private static String badge(VersionStatus v) {
        String s = v.status().replace('_', ' ');
        if (v.interrupted()) {
            return s + " (interrupted)";
        }
        if (v.checksumMismatch()) {
            return s + " (file changed!)";
        }
        if (v.fileMissing()) {
            return s + " (file missing)";
        }
        return s;
    }

    private static String shorten(String checksum) {
        return checksum == null ? "none" : checksum.substring(0, Math.min(12, checksum.length()));
    }
}
