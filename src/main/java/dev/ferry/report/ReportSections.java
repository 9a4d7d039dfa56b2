package dev.ferry.report;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.RepairReport;
import java.util.ArrayList;
import java.util.List;

/** The report's sections, in order, written onto a {@link Page}: the one place that says what a report contains. */
final class ReportSections {

    /** Batch rows listed; the chart shows them all. */
    private static final int BATCH_ROWS = 40;

    private ReportSections() {
    }

    static String write(EvidenceReport r, Page page) {
        page.title("Run " + r.runId() + " of " + r.plan(), ReportVerdict.of(r));
        page.table(List.of("", ""), List.of(
                row("Plan", r.plan() + " (" + r.planKind() + "), file " + r.planFile() + ", version " + r.planHash()),
                row("State", r.state().label() + (r.message().isBlank() ? "" : " — " + r.message())),
                row("Operator", r.operator() + " on " + r.host()),
                row("Started", Words.time(r.startedAt())),
                row("Ended", Words.time(r.endedAt())),
                row("Running time", Words.duration(r.running()) + " (pauses left out)"),
                row("Records", Words.count(r.processed()) + " of " + Words.count(r.total()) + " read, "
                        + Words.count(r.quarantined()) + " quarantined"),
                row("Forecast", Words.estimateAgainstActual(r.estimate()))));

        page.heading("Databases");
        page.list(r.databases());
        page.note("Connection strings and passwords are never put in a report.");

        page.heading("The plan's rules");
        page.list(r.rules());

        page.heading("Timings");
        if (r.estimate() != null) {
            EvidenceReport.Estimate e = r.estimate();
            page.chart(SvgCharts.estimate(e));
            page.para(cap(Words.estimateAgainstActual(e)) + ". Dry run of " + Words.time(e.at()) + " over "
                    + Words.count(e.sourceRecords()) + " source records: measured " + Words.duration(e.measured())
                    + " (read and map " + Words.duration(e.readAndMap()) + ", writes " + Words.duration(e.writes())
                    + ", bookkeeping " + Words.duration(e.bookkeeping()) + "), " + Words.calibration(e) + ".");
        } else {
            page.para(cap(Words.estimateAgainstActual(null)) + ".");
        }
        page.chart(SvgCharts.batchTimes(r.batches()));
        batches(r, page);

        page.heading("Per target");
        page.chart(SvgCharts.written(r.written()));
        List<List<String>> targets = new ArrayList<>();
        r.checksums().forEach(c -> targets.add(List.of(c.target(), Words.count(r.written().getOrDefault(c.target(),
                0L)), c.before().isEmpty() ? "—" : c.before(), c.after().isEmpty() ? "—" : c.after())));
        page.table(List.of("target", "written", "checksum before the run", "checksum after the run"), targets);

        quarantine(r.quarantine(), page);
        validations(r, page);
        repairs(r, page);
        rollback(r, page);

        page.heading("Audit trail");
        page.table(List.of("when", "who", "where", "what"), r.audit().stream()
                .map(a -> List.of(Words.time(a.at()), a.who(), a.where(), a.what())).toList());
        r.auditGaps().forEach(page::note);
        return page.finish("Made " + Words.time(r.madeAt()) + " by " + r.madeBy() + " on " + r.madeOn()
                + ". Ferry keeps this file's SHA-256 in the run's journal: ferry report --verify FILE says whether a"
                + " copy was altered.");
    }

    private static void batches(EvidenceReport r, Page page) {
        List<EvidenceReport.Batch> all = r.batches();
        if (all.isEmpty()) {
            page.note("No batch finished.");
            return;
        }
        List<Long> ms = all.stream().map(EvidenceReport.Batch::millis).sorted().toList();
        page.para(Words.count(all.size()) + " batches: median " + ms.get(ms.size() / 2) + " ms, slowest "
                + ms.get(ms.size() - 1) + " ms.");
        List<EvidenceReport.Batch> shown = all.size() <= BATCH_ROWS ? all : all.subList(all.size() - BATCH_ROWS,
                all.size());
        page.table(List.of("batch", "finished", "read", "quarantined", "written", "ms"), shown.stream()
                .map(b -> List.of(String.valueOf(b.number()), Words.time(b.at()), Words.count(b.read()),
                        Words.count(b.quarantined()), Words.count(b.written()), String.valueOf(b.millis()))).toList());
        if (shown.size() < all.size()) {
            page.note("The last " + BATCH_ROWS + " batches are listed; the chart shows all " + all.size() + ".");
        }
    }

    private static void quarantine(EvidenceReport.Quarantine q, Page page) {
        page.heading("Quarantine");
        if (q.count() == 0) {
            page.para("No record was quarantined.");
            return;
        }
        page.para(Words.count(q.count()) + " records could not be migrated and were quarantined with their reasons.");
        page.table(List.of("reason", "records"), q.reasons().entrySet().stream()
                .map(e -> List.of(e.getKey(), Words.count(e.getValue()))).toList());
        page.table(List.of("source key", "reason"), q.sample().stream().map(e -> List.of(e.key(), e.reason()))
                .toList());
        page.note("Kept in " + q.where());
    }

    private static void validations(EvidenceReport r, Page page) {
        page.heading("Validation");
        if (r.validations().isEmpty()) {
            page.para("Not validated.");
            return;
        }
        for (EvidenceReport.Validation v : r.validations()) {
            page.para((v.passed() ? "✓ Passed" : "✗ Did not pass") + " — validated " + Words.time(v.at()) + " by "
                    + v.operator() + " on " + v.host() + ".");
            page.table(List.of("check", "status", "coverage", "mismatched", "summary"), v.checks().stream()
                    .map(c -> List.of(c.name() + (c.method().equals(c.name()) ? "" : " (" + c.method() + ")"),
                            status(c), Words.count(c.checked()) + " / " + Words.count(c.total()),
                            Words.count(c.mismatched()), c.summary())).toList());
            for (CheckResult c : v.checks()) {
                List<String> lines = new ArrayList<>(c.evidence());
                if (!c.failingKeys().isEmpty()) {
                    lines.add("failing keys: " + String.join(", ", c.failingKeys().subList(0,
                            Math.min(20, c.failingKeys().size()))) + (c.mismatched() > 20 ? " …" : ""));
                }
                if (!lines.isEmpty()) {
                    page.note("Evidence of " + c.name() + ":");
                    page.code(lines);
                }
            }
            if (!v.notCovered().isEmpty()) {
                page.note("Not covered by these checks: " + String.join("; ", v.notCovered()));
            }
        }
    }

    private static void repairs(EvidenceReport r, Page page) {
        if (r.repairs().isEmpty()) {
            return;
        }
        page.heading("Repairs");
        for (EvidenceReport.Repair rep : r.repairs()) {
            page.para("Repair of " + Words.time(rep.at()) + " by " + rep.operator() + " on " + rep.host()
                    + (rep.firstBatch() > 0 ? ", batches " + rep.firstBatch() + "–" + rep.lastBatch() : ", nothing"
                    + " written") + (rep.askedFor().isEmpty() ? "" : "; asked for by key: "
                    + String.join(", ", rep.askedFor())) + ".");
            page.table(List.of("source key", "target", "found", "done"), rep.records().stream()
                    .map(i -> List.of(i.key(), i.target(), i.problem().words(), done(i))).toList());
        }
    }

    private static void rollback(EvidenceReport r, Page page) {
        EvidenceReport.Rollback rb = r.rollback();
        if (rb == null) {
            return;
        }
        page.heading("Rollback");
        page.para("Rolled back " + Words.time(rb.at()) + " by " + rb.operator() + " on " + rb.host() + " in "
                + Words.duration(rb.took()) + ": " + (rb.verified() ? "✓ verified" : "✗ not verified") + ".");
        List<List<String>> rows = new ArrayList<>();
        for (String t : r.checksums().stream().map(EvidenceReport.Checksums::target).toList()) {
            rows.add(List.of(t, Words.count(rb.deleted().getOrDefault(t, 0L)),
                    Words.count(rb.restored().getOrDefault(t, 0L))));
        }
        page.table(List.of("target", "deleted", "restored"), rows);
        page.code(rb.verification());
    }

    private static String status(CheckResult c) {
        return switch (c.status()) {
            case PASSED -> "✓ passed";
            case FAILED -> "✗ mismatched";
            case COULD_NOT_CHECK -> "? cannot check";
        };
    }

    private static String done(RepairReport.Item i) {
        return i.repair() ? (Boolean.TRUE.equals(i.matchesNow()) ? "repaired; matches now" : "written; still differs")
                : "left alone: " + i.detail();
    }

    private static List<String> row(String name, String value) {
        return List.of(name, value);
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
