package dev.ferry.engine.split;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.DryRunReport.Calibration;
import dev.ferry.engine.DryRunReport.DurationParts;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.Plan;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.Secrets;
import dev.ferry.store.journal.EstimateRecord;
import dev.ferry.store.journal.Journal;
import dev.ferry.store.journal.OutcomeRecord;
import dev.ferry.store.journal.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forecasts that learn: each dry run's measured estimate is kept with its parts, each completed run's running time
 * beside the estimate it had, and the next dry run of the plan on this database scales its measured estimate by how
 * much longer (or shorter) the latest comparable runs took than theirs. The measurement still carries the size of the
 * run and the batch size; the factor carries what the dry run cannot see (the run overlapping reads with writes, the
 * server's caches, this machine's load).
 */
final class RunForecasts {

    private static final Logger LOG = LoggerFactory.getLogger(RunForecasts.class);
    /** Runs weighed, newest first: the machine and the data drift, so older runs say less. */
    private static final int WEIGHED = 3;
    private static final int CONSIDERED = 20;
    /** Runs that took less than a tenth or more than ten times their estimate measured something else. */
    private static final double IMPLAUSIBLE = 10;

    private final Journal journal;

    RunForecasts(Journal journal) {
        this.journal = journal;
    }

    /** The calibration of a plan's measured estimate from its earlier runs here; null when none can teach it. */
    Calibration calibrate(Plan plan, DurationParts measured) {
        List<OutcomeRecord> taught = comparable(plan);
        if (taught.isEmpty() || measured.total().isZero()) {
            return null;
        }
        double logSum = 0;
        double weights = 0;
        List<String> basis = new ArrayList<>();
        for (int i = 0; i < taught.size(); i++) {
            OutcomeRecord o = taught.get(i);
            double weight = WEIGHED - i;
            logSum += weight * Math.log(ratio(o));
            weights += weight;
            basis.add("run " + o.runId() + " took " + HumanFormat.duration(Duration.ofMillis(o.actualMs()))
                    + " of " + HumanFormat.duration(Duration.ofMillis(o.estimate().rawMs())) + " measured ("
                    + String.format(Locale.ROOT, "%.2f×", ratio(o)) + ", " + HumanFormat.count(o.processed())
                    + " records, batches of " + HumanFormat.count(o.batchSize()) + ")");
        }
        return new Calibration(measured.total(), Math.exp(logSum / weights), taught.size(), String.join("; ", basis));
    }

    /** The estimate a dry run gives: the measured one, scaled by the calibration when there is one. */
    static Duration estimate(DurationParts measured, Calibration calibration) {
        return calibration == null ? measured.total()
                : Duration.ofNanos((long) (measured.total().toNanos() * calibration.factor()));
    }

    /** The note a calibrated dry run shows, saying where its estimate comes from. */
    static String note(Calibration c) {
        return "Estimate calibrated from " + (c.runs() == 1 ? "the last run" : "the last " + c.runs() + " runs")
                + " of this plan here: measured " + HumanFormat.duration(c.measured()) + " × "
                + String.format(Locale.ROOT, "%.2f", c.factor()) + " (" + c.basis() + ")";
    }

    /** Keeps a dry run's estimate for the run that follows it. A journal that cannot take it loses only that. */
    void estimated(Plan plan, DryRunReport report) {
        DurationParts p = report.durationParts();
        Calibration c = report.calibration();
        keep("the dry run's estimate", () -> journal.evidence().estimated(new EstimateRecord(plan.name(), plan.hash(),
                Instant.now(), report.sourceRecords(), plan.batch().size(), p.total().toMillis(),
                report.estimatedDuration().toMillis(), p.readAndMap().toMillis(), p.writes().toMillis(),
                p.bookkeeping().toMillis(), c == null ? 1 : c.factor(), c == null ? 0 : c.runs())));
    }

    /** Keeps a completed run's running time beside the estimate it had, with each target's checksum now. */
    void completed(String runId, Plan plan, long processed, Duration ran, Map<String, DocumentChecksum.Sum> after) {
        keep("the run's outcome", () -> {
            Optional<RunRecord> run = journal.runs().find(runId);
            Instant began = run.map(RunRecord::startedAt).orElse(Instant.now());
            EstimateRecord estimate = journal.evidence().latestEstimate(plan.name(), plan.hash(), began).orElse(null);
            journal.evidence().finished(new OutcomeRecord(runId, plan.name(), plan.hash(), Instant.now(), processed,
                    run.map(RunRecord::batchSize).orElse(plan.batch().size()), ran.toMillis(), estimate, after));
        });
    }

    /**
     * The latest runs of the plan that had an estimate, most alike first chosen: the same plan version and batch
     * size if there are such, else the same batch size (bookkeeping per batch is what a batch size changes most),
     * else any; at most {@value #WEIGHED}, newest first.
     */
    private List<OutcomeRecord> comparable(Plan plan) {
        List<OutcomeRecord> all;
        try {
            all = journal.evidence().outcomes(plan.name(), CONSIDERED).stream()
                    .filter(o -> o.estimate() != null && o.estimate().rawMs() > 0 && o.actualMs() > 0)
                    .filter(o -> ratio(o) < IMPLAUSIBLE && ratio(o) > 1 / IMPLAUSIBLE).toList();
        } catch (RuntimeException e) {
            LOG.warn("could not read earlier runs' outcomes from {}: {}; the estimate is not calibrated",
                    journal.location(), Secrets.redact(String.valueOf(e.getMessage())));
            return List.of();
        }
        int batch = plan.batch().size();
        List<OutcomeRecord> same = all.stream().filter(o -> o.batchSize() == batch && plan.hash().equals(o.planHash()))
                .toList();
        if (same.isEmpty()) {
            same = all.stream().filter(o -> o.batchSize() == batch).toList();
        }
        if (same.isEmpty()) {
            same = all;
        }
        return same.subList(0, Math.min(WEIGHED, same.size()));
    }

    private static double ratio(OutcomeRecord o) {
        return o.actualMs() / (double) o.estimate().rawMs();
    }

    private void keep(String what, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) { // a read-only journal user: the evidence is lost, not the run or the dry run
            LOG.warn("could not keep {} in {}: {}; grant the user write access to it to keep forecasts learning", what,
                    journal.location(), Secrets.redact(String.valueOf(e.getMessage())));
        }
    }
}
