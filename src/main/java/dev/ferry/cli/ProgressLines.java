package dev.ferry.cli;

import dev.ferry.engine.RunEvent;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.PlanKind;
import java.io.PrintWriter;

/**
 * Progress as one line per batch, as the runbook prints it, for logs and pipes:
 * {@code Batch 3/11: migrated 1,000 docs (took 0.9s) · 1,100 docs/s · quarantined 0 · ETA 8 s}
 * ("checked … errors 0" in a dry run, which writes and quarantines nothing).
 */
final class ProgressLines implements CliProgress {

    private String partitionsShape = "";
    private final PrintWriter out;
    private final EngineJob job;
    private final PlanKind kind;
    private final int batchSize;
    private long lastProcessed;
    /** Quarantined so far at the last batch (or the start). */
    private long lastQuarantined;

    ProgressLines(PrintWriter out, EngineJob job, PlanKind kind, int batchSize) {
        this.out = out;
        this.job = job;
        this.kind = kind;
        this.batchSize = Math.max(1, batchSize);
    }

    @Override
    public void on(RunEvent event) {
        // Java 17: no pattern matching in switch yet
        if (event instanceof RunEvent.Started s) {
            lastProcessed = s.alreadyProcessed();
            lastQuarantined = s.alreadyQuarantined();
            out.println(EventLines.started(job, kind, s));
        } else if (event instanceof RunEvent.BatchDone b) {
            out.println(batchLine(b));
            lastProcessed = b.processed();
            lastQuarantined = b.quarantined();
        } else if (event instanceof RunEvent.UndoProgress u) {
            out.println(EventLines.undo(kind, u));
        } else if (event instanceof RunEvent.StateChanged c) {
            String line = EventLines.stateChanged(job, c);
            if (line != null) {
                out.println(line);
            }
        } else if (event instanceof RunEvent.WaitingForDatabase w) {
            out.println(EventLines.waiting(w));
        } else if (event instanceof RunEvent.GuardrailBreached g) {
            out.println(EventLines.breached(g));
        } else if (event instanceof RunEvent.WorkerGone w) {
            out.println(EventLines.workerGone(w));
        } else if (event instanceof RunEvent.SettingsChanged c) {
            out.println(EventLines.settings(c));
        } else if (event instanceof RunEvent.Throttled t) {
            out.println(EventLines.throttled(t));
        } else if (event instanceof RunEvent.PartitionsProgress p
                && !EventLines.partitionsShape(p).equals(partitionsShape)) {
            partitionsShape = EventLines.partitionsShape(p); // a line when a range changes state, not at each batch
            out.println(EventLines.partitions(p));
        }
        out.flush();
    }

    /**
     * One batch: what it did to its records (a run counts what it wrote, the records read less the batch's own
     * quarantined ones, never what it read), its time, the rate, the quarantine so far and the ETA.
     */
    String batchLine(RunEvent.BatchDone b) {
        long docs = Math.max(0, b.processed() - lastProcessed);
        long quarantinedHere = Math.max(0, b.quarantined() - lastQuarantined);
        long counted = job == EngineJob.DRY_RUN ? docs : Math.max(0, docs - quarantinedHere);
        // the engine's own count when it has one (a key conversion cuts each table on its own), else total / batch size
        long batches = b.batches() >= 0 ? b.batches() : b.total() >= 0 ? (b.total() + batchSize - 1) / batchSize : -1;
        String of = batches >= 0 && b.batch() <= batches ? "/" + HumanFormat.count(batches) : "";
        return "Batch " + HumanFormat.count(b.batch()) + of + ": " + job.batchVerb + " " + HumanFormat.count(counted)
                + " " + kind.unit() + (counted == docs ? "" : " of " + HumanFormat.count(docs) + " read")
                + " (took " + HumanFormat.seconds(b.latency()) + ") · "
                + HumanFormat.rate(b.readPerSecond()) + " " + kind.unit() + "/s"
                + " · " + job.quarantineWord + " " + HumanFormat.count(b.quarantined())
                + eta(b);
    }

    /** No ETA before it is known, nor once the last batch is done ("ETA 0 ms" says nothing). */
    private static String eta(RunEvent.BatchDone b) {
        boolean done = b.total() >= 0 && b.processed() >= b.total();
        return b.eta() == null || done ? "" : " · ETA " + HumanFormat.duration(b.eta());
    }

    @Override
    public void close() {
        out.flush();
    }
}
