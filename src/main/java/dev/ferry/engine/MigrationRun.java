package dev.ferry.engine;

import dev.ferry.FerryException;
import dev.ferry.plan.Guardrails.BreachAction;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.Secrets;
import dev.ferry.store.mongo.DocumentChecksum;
import dev.ferry.store.mongo.MongoBatchReader;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoLease;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.mongo.MongoUndoLog;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One execution of a plan: keyset batches from the source, mapped, written idempotently with their undo entries,
 * checkpointed after each batch, under a lease, watched by guardrails. Continues the plan's unfinished run if
 * there is one.
 */
final class MigrationRun {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationRun.class);

    private final MongoStore store;
    private final Plan plan;
    private final RecordMapper mapper;
    private final RunControl control;
    private final RunListener listener;
    private final Duration leaseTtl;
    private final MongoJournal journal;
    private final Identity me = Identity.current();
    private ExecutorService targetWriters;

    MigrationRun(MongoStore store, Plan plan, RecordMapper mapper, RunControl control, RunListener listener,
                 Duration leaseTtl) {
        this.store = store;
        this.plan = plan;
        this.mapper = mapper;
        this.control = control;
        this.listener = listener;
        this.leaseTtl = leaseTtl;
        this.journal = new MongoJournal(store);
    }

    RunReport execute() {
        Optional<Document> unfinished = journal.latestRun(plan.name())
                .filter(r -> RunState.valueOf(r.getString("state")).resumable());
        unfinished.ifPresent(this::refuseChangedPlan);
        String runId = unfinished.map(r -> r.getString("_id")).orElseGet(MigrationRun::newRunId);
        MongoLease lease = new MongoLease(store, plan.name(), me.owner(runId), leaseTtl);
        lease.tryAcquire(runId, me.host(), me.operator()).ifPresent(holder -> {
            throw new LeaseHeldException(plan.name(), holder);
        });
        try (LeaseKeeper keeper = new LeaseKeeper(lease, control)) {
            List<String> targets = plan.targets().stream().map(TargetSpec::collection).toList();
            RunProgress progress;
            if (unfinished.isPresent()) {
                progress = RunProgress.fromRun(unfinished.get(), targets);
                journal.updateRun(runId, new Document("state", RunState.RUNNING.name())
                        .append("message", "resumed by " + me.operator() + " on " + me.host()).append("endedAt", null));
            } else {
                progress = RunProgress.fresh(targets);
                journal.insertRun(newRunDocument(runId, targets));
            }
            return loop(runId, progress, unfinished.isPresent(), lease);
        }
    }

    private RunReport loop(String runId, RunProgress p, boolean resumed, MongoLease lease) {
        try (MongoBatchReader reader = new MongoBatchReader(store, plan.source(), p.lastKey, plan.batch().size())) {
            p.total = reader.count();
            targetWriters = Executors.newFixedThreadPool(Math.min(4, plan.targets().size()), r -> {
                Thread t = new Thread(r, "ferry-target-writer");
                t.setDaemon(true);
                return t;
            });
            try (BatchPipeline pipeline = new BatchPipeline(reader, plan, mapper)) {
                return loop(runId, p, resumed, lease, pipeline);
            } finally {
                targetWriters.shutdown();
            }
        }
    }

    private RunReport loop(String runId, RunProgress p, boolean resumed, MongoLease lease, BatchPipeline pipeline) {
        TargetBatchWriter writer = new TargetBatchWriter(store, new MongoUndoLog(store));
        GuardrailWatch guard = new GuardrailWatch(plan.guardrails(), dryRunEstimate());
        Instant start = Instant.now();
        listener.on(new RunEvent.Started(start, runId, plan.name(), p.total, p.processed, resumed));
        LOG.info("run {} of plan {} {} at batch {} ({} of {} processed)", runId, plan.name(),
                resumed ? "resumed" : "started", p.batch, p.processed, p.total);
        double rate = 0;
        PhaseTimes times = new PhaseTimes();
        RunState end;
        String message = "";
        try {
            while (true) {
                RunControl.Request request = control.requested();
                if (request != RunControl.Request.NONE) {
                    end = request == RunControl.Request.PAUSE ? RunState.PAUSED : RunState.CANCELLED;
                    message = control.reason();
                    break;
                }
                Instant t0 = Instant.now();
                BatchPipeline.Prepared batch;
                try (PhaseTimes.Lap lap = times.time("waiting for reads")) {
                    batch = pipeline.take();
                }
                if (batch.isEmpty()) {
                    end = RunState.COMPLETED;
                    break;
                }
                List<Document> sources = batch.sources();
                BatchOutcome outcome = write(runId, p.batch + 1, batch, writer, times);
                p.batch++;
                p.lastKey = batch.lastKey(plan.source().key());
                p.processed += sources.size();
                p.quarantined += outcome.quarantined.size();
                outcome.written.forEach((t, n) -> p.written.merge(t, n, Long::sum));
                p.sourceSum = p.sourceSum.plus(batch.sourceSum());
                Duration elapsed = Duration.between(start, Instant.now());
                Duration latency;
                try (PhaseTimes.Lap lap = times.time("checkpoints")) {
                    journal.updateRun(runId, p.checkpoint(elapsed));
                    latency = Duration.between(t0, Instant.now());
                    journal.recordBatch(runId, p.batch, new Document("read", sources.size())
                            .append("quarantined", outcome.quarantined.size()).append("ms", latency.toMillis())
                            .append("written", new Document(new LinkedHashMap<>(outcome.written))));
                }
                double batchRate = sources.size() / Math.max(latency.toNanos() / 1e9, 1e-6);
                rate = rate == 0 ? batchRate : 0.7 * rate + 0.3 * batchRate;
                long writtenNow = outcome.written.values().stream().mapToLong(Long::longValue).sum();
                Duration eta = Duration.ofMillis((long) (Math.max(0, p.total - p.processed) / rate * 1000));
                listener.on(new RunEvent.BatchDone(Instant.now(), runId, p.batch, p.processed, p.total,
                        p.quarantined, p.written, batchRate, writtenNow / Math.max(latency.toNanos() / 1e9, 1e-6),
                        latency, elapsed.plusMillis(p.priorElapsedMs), eta));
                outcome.quarantined.forEach(q -> listener.on(new RunEvent.Quarantined(Instant.now(), runId,
                        Keys.display(q.get("key")), q.getString("reason"))));
                Optional<GuardrailWatch.Breach> breach = guard.check(p.processed, p.quarantined, rate,
                        elapsed.plusMillis(p.priorElapsedMs));
                if (breach.isPresent()) {
                    BreachAction action = plan.guardrails().onBreach();
                    GuardrailWatch.Breach b = breach.get();
                    listener.on(new RunEvent.GuardrailBreached(Instant.now(), runId, b.guardrail(), b.observed(),
                            b.limit(), action.name().toLowerCase()));
                    end = action == BreachAction.PAUSE ? RunState.PAUSED : RunState.FAILED;
                    message = "guardrail " + b.guardrail() + ": " + b.description() + " — run "
                            + (action == BreachAction.PAUSE ? "paused" : action == BreachAction.HALT ? "halted"
                            : "halted and rolled back");
                    if (action == BreachAction.ROLLBACK) {
                        finish(runId, end, message, start);
                        new Rollback(store, plan, listener, lease).execute(runId);
                        return report(runId, p, RunState.ROLLED_BACK, message, start, resumed);
                    }
                    break;
                }
            }
        } catch (RuntimeException e) {
            String reason = Secrets.redact(e.getMessage());
            finish(runId, RunState.INTERRUPTED, "stopped by an error after batch " + p.batch + ": " + reason, start);
            listener.on(new RunEvent.StateChanged(Instant.now(), runId, RunState.INTERRUPTED, reason));
            throw new FerryException("Run " + runId + " of " + plan.name() + " stopped after batch " + p.batch
                    + " (" + p.processed + " records checkpointed): " + reason
                    + ". Nothing is lost: run the plan again to resume from the last checkpoint, or roll it back.", e);
        }
        finish(runId, end, message, start);
        LOG.info("run {}: time per phase: {}", runId, times);
        listener.on(new RunEvent.StateChanged(Instant.now(), runId, end, message));
        return report(runId, p, end, message, start, resumed);
    }

    /**
     * Writes a prepared batch to every target — in parallel, as each target's undo entry and writes are independent —
     * then its quarantined records to the journal.
     */
    private BatchOutcome write(String runId, long batch, BatchPipeline.Prepared prepared, TargetBatchWriter writer,
                               PhaseTimes times) {
        Map<String, Future<TargetBatchWriter.Outcome>> pending = new LinkedHashMap<>();
        prepared.perTarget().forEach((t, docs) -> pending.put(t, targetWriters.submit(
                () -> writer.write(runId, batch, t, docs, times))));
        Map<String, Long> written = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<String, Future<TargetBatchWriter.Outcome>> e : pending.entrySet()) {
            try {
                written.put(e.getKey(), e.getValue().get().written());
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                failure = new FerryException("interrupted while writing " + e.getKey(), ie);
            } catch (ExecutionException ee) {
                failure = ee.getCause() instanceof RuntimeException r ? r
                        : new FerryException("writing " + e.getKey() + " failed: " + ee.getCause(), ee.getCause());
            }
        }
        if (failure != null) {
            throw failure; // every target's write has ended; the batch is replayed from the last checkpoint
        }
        try (PhaseTimes.Lap lap = times.time("quarantine")) {
            journal.quarantine(runId, plan.name(), prepared.quarantined());
        }
        return new BatchOutcome(written, prepared.quarantined());
    }

    private record BatchOutcome(Map<String, Long> written, List<Document> quarantined) { }

    private void finish(String runId, RunState state, String message, Instant start) {
        Document fields = new Document("state", state.name()).append("message", message);
        if (state == RunState.COMPLETED || state == RunState.FAILED) {
            fields.append("endedAt", new Date());
        }
        journal.updateRun(runId, fields);
        LOG.info("run {} of plan {} is {}{}", runId, plan.name(), state.label(), message.isEmpty() ? "" : ": " + message);
    }

    private RunReport report(String runId, RunProgress p, RunState state, String message, Instant start,
                             boolean resumed) {
        return new RunReport(runId, plan.name(), state, p.processed, p.total, p.quarantined, p.written,
                Duration.between(start, Instant.now()).plusMillis(p.priorElapsedMs), resumed, message);
    }

    private Document newRunDocument(String runId, List<String> targets) {
        Document preRun = new Document();
        for (String t : targets) {
            DocumentChecksum.Sum sum = DocumentChecksum.Sum.EMPTY;
            for (Document d : store.collection(t).find().batchSize(1000)) {
                sum = sum.add(d);
            }
            preRun.append(t, sum.toDocument());
        }
        return new Document("_id", runId).append("plan", plan.name()).append("planHash", plan.hash())
                .append("state", RunState.RUNNING.name()).append("operator", me.operator())
                .append("host", me.host()).append("startedAt", new Date()).append("database", store.databaseName())
                .append("source", plan.source().collection()).append("targets", targets)
                .append("batchSize", plan.batch().size()).append("preRun", preRun)
                .append("batch", 0L).append("processed", 0L).append("quarantined", 0L).append("message", "");
    }

    private void refuseChangedPlan(Document run) {
        if (!plan.hash().equals(run.getString("planHash"))) {
            throw new FerryException("The unfinished run " + run.getString("_id") + " of " + plan.name()
                    + " was made with another version of the plan (hash " + run.getString("planHash") + ", now "
                    + plan.hash() + "). Restore that plan file to resume it, or roll the run back first"
                    + " (ferry rollback --run " + run.getString("_id") + ").");
        }
    }

    private Duration dryRunEstimate() {
        return journal.latestDryRun(plan.name(), plan.hash())
                .map(d -> Duration.ofMillis(((Number) d.get("estimatedMs")).longValue())).orElse(null);
    }

    static String newRunId() {
        return "run-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
    }
}
