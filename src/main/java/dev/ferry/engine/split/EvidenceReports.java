package dev.ferry.engine.split;

import dev.ferry.FerryException;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.RepairReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.runtime.Identity;
import dev.ferry.plan.MappingRow;
import dev.ferry.plan.Plan;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.EstimateRecord;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.OutcomeRecord;
import dev.ferry.store.journal.QuarantineEntry;
import dev.ferry.store.journal.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A run's report, from what its journal holds: run, batches, quarantine, estimate, validations, rollback, repairs. */
final class EvidenceReports {

    /** Quarantine entries read for the reasons' tally; the count is always the run's own. */
    private static final int QUARANTINE_READ = 10_000;
    private static final int QUARANTINE_SHOWN = 20;

    private final Journal journal;

    EvidenceReports(Journal journal) {
        this.journal = journal;
    }

    /** The report of run {@code runId} of {@code plan} (its latest run when null). */
    EvidenceReport of(Plan plan, String runId) {
        RunRecord run = (runId == null ? journal.runs().latest(plan.name()) : journal.runs().find(runId))
                .filter(r -> r.plan().equals(plan.name()))
                .orElseThrow(() -> FerryException.usage(runId == null ? "Plan " + plan.name() + " has no run in "
                        + journal.databaseName() + ": there is nothing to report. Run it first."
                        : "No run " + runId + " of plan " + plan.name() + " in " + journal.databaseName()
                        + ": check the id (ferry history lists them)."));
        String id = run.runId();
        OutcomeRecord outcome = journal.evidence().outcome(id).orElse(null);
        Identity me = Identity.current();
        List<EvidenceReport.Validation> validations = journal.evidence().validations(id).stream()
                .map(v -> new EvidenceReport.Validation(v.at(), v.operator(), v.host(), v.checks().stream()
                        .map(c -> new CheckResult(c.name(), c.method(), CheckResult.CheckStatus.valueOf(c.status()),
                                c.checked(), c.total(), c.mismatched(), c.summary(), c.evidence(), c.failingKeys(),
                                Duration.ofMillis(c.tookMs()))).toList(), v.notCovered())).toList();
        EvidenceReport.Rollback rollback = journal.evidence().rollback(id).map(r -> new EvidenceReport.Rollback(
                r.at(), r.operator(), r.host(), r.verified(), r.deleted(), r.restored(), r.verification(),
                Duration.ofMillis(r.elapsedMs()))).orElse(null);
        List<EvidenceReport.Repair> repairs = journal.evidence().repairs(id).stream().map(r -> new EvidenceReport
                .Repair(r.at(), r.operator(), r.host(), r.firstBatch(), r.lastBatch(), r.records().stream()
                .map(i -> new RepairReport.Item(i.key(), i.target(), problem(i.problem()), i.outcome(), i.repaired(),
                        i.repaired() ? i.matchesNow() : null)).toList(), r.askedFor())).toList();
        return new EvidenceReport(id, plan.name(), plan.file().getFileName().toString(), run.planHash(),
                plan.kind().label(), rules(plan), databases(run), run.operator(), run.host(),
                RunState.valueOf(run.state()), run.message(), run.startedAt(), run.endedAt(),
                Duration.ofMillis(run.checkpoint().elapsedMs()), run.checkpoint().processed(),
                run.checkpoint().total(), run.checkpoint().quarantined(), run.checkpoint().written(),
                journal.batches().of(id).stream().map(b -> new EvidenceReport.Batch(b.batch(), b.at(), b.read(),
                        b.quarantined(), b.millis(), b.written().values().stream().mapToLong(Long::longValue).sum()))
                        .toList(), quarantine(run), estimate(run, outcome), validations, checksums(run, outcome),
                rollback, repairs, new AuditTrail(journal).of(run, validations, rollback, repairs),
                AuditTrail.GAPS, Instant.now(), me.operator(), me.host());
    }

    private static List<String> rules(Plan plan) {
        return MappingRow.of(plan).stream().map(r -> r.target() + "." + r.field() + " ← " + (r.source().isBlank()
                ? "" : r.source() + " · ") + r.transform()).toList();
    }

    private List<String> databases(RunRecord run) {
        List<String> lines = new ArrayList<>();
        lines.add("journal: " + journal.location());
        if (run.source() != null) {
            lines.add("source: " + run.source().name() + " (" + ("postgres".equals(run.source().store())
                    ? "PostgreSQL" : "MongoDB") + ", by " + run.source().key() + ")");
        }
        lines.add("targets: " + String.join(", ", run.targets()));
        return lines;
    }

    private EvidenceReport.Quarantine quarantine(RunRecord run) {
        long count = run.checkpoint().quarantined();
        List<QuarantineEntry> read = count == 0 ? List.of()
                : journal.quarantine().entries(run.runId(), QUARANTINE_READ);
        Map<String, Long> reasons = read.stream().collect(Collectors.groupingBy(QuarantineEntry::reason,
                Collectors.counting())).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        List<EvidenceReport.Quarantine.Entry> sample = read.stream().limit(QUARANTINE_SHOWN)
                .map(e -> new EvidenceReport.Quarantine.Entry(SourceKeys.render(e.key()), e.reason())).toList();
        return new EvidenceReport.Quarantine(count, reasons, sample, journal.quarantine().place() + " — "
                + journal.quarantine().query(run.runId()));
    }

    private EvidenceReport.Estimate estimate(RunRecord run, OutcomeRecord outcome) {
        EstimateRecord e = outcome != null && outcome.estimate() != null ? outcome.estimate()
                : journal.evidence().latestEstimate(run.plan(), run.planHash(), run.startedAt()).orElse(null);
        return e == null ? null : estimate(e, outcome);
    }

    static EvidenceReport.Estimate estimate(EstimateRecord e, OutcomeRecord outcome) {
        Function<Long, Duration> ms = Duration::ofMillis;
        return new EvidenceReport.Estimate(e.at(), e.sourceRecords(), ms.apply(e.estimatedMs()), ms.apply(e.rawMs()),
                e.factor(), e.calibratedBy(), ms.apply(e.readAndMapMs()), ms.apply(e.writesMs()),
                ms.apply(e.bookkeepingMs()), outcome == null ? null : ms.apply(outcome.actualMs()));
    }

    private static List<EvidenceReport.Checksums> checksums(RunRecord run, OutcomeRecord outcome) {
        Map<String, DocumentChecksum.Sum> after = outcome == null ? Map.of() : outcome.targetsAfter();
        return run.targets().stream().map(t -> new EvidenceReport.Checksums(t,
                run.preRun().containsKey(t) ? run.preRun().get(t).toString() : "",
                after.containsKey(t) ? after.get(t).toString() : "")).toList();
    }

    private static RepairReport.Problem problem(String words) {
        for (RepairReport.Problem p : RepairReport.Problem.values()) {
            if (p.words().equals(words)) {
                return p;
            }
        }
        return RepairReport.Problem.DIFFERS;
    }

    static final Comparator<EvidenceReport.Action> BY_TIME = Comparator.comparing(EvidenceReport.Action::at);
}
