package dev.ferry.engine.split;

import dev.ferry.engine.split.create.TargetCreation;
import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RecordError;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunListener;

import dev.ferry.store.SourceKeys;

import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.SourceReader;
import dev.ferry.store.TargetWriter;
import dev.ferry.store.journal.DryRunRecord;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A full pass over the source that writes nothing to the targets: what each target would get (insert, update,
 * skip), which records would be quarantined (those whose mapping fails, and those that map to a target key an earlier
 * record of the pass takes: held in memory, one entry per key of a target that can collide), the storage the produced documents take, and an estimated duration
 * from the measured read+map rate plus a run's write and per-batch bookkeeping costs, measured on a sample in
 * scratch collections ({@link RunCostSample}).
 */
final class DryRun {

    static final int MAX_ERRORS_LISTED = 500;
    /** Produced documents sampled for the write cost, shared among the targets (at least one batch each). */
    private static final int WRITE_SAMPLE = 2000;
    private static final int MAX_SAMPLE_PER_TARGET = 10_000;

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;
    private final RunListener listener;

    DryRun(PlanStores stores, Plan plan, RecordMapper mapper, RunListener listener) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
        this.listener = listener;
    }

    /**
     * Tables the run would create are stood in for by empty scratch tables of their shape (made and dropped here), so
     * that what each record would write is checked against the columns the run would give them.
     */
    DryRunReport execute() {
        TargetCreation creation = new TargetCreation(stores, plan, mapper);
        List<dev.ferry.store.postgres.ScratchTable> standIns = new ArrayList<>();
        try {
            String tag = java.util.UUID.randomUUID().toString().substring(0, 8);
            creation.newTables().forEach((target, def) -> {
                standIns.add(dev.ferry.store.postgres.ScratchTable.of(stores.postgres("target", target), def,
                        stores.scratchSchema(), "ferry_dry_run_new_" + tag + "_" + standIns.size()));
                stores.standIn(target, standIns.get(standIns.size() - 1).name());
            });
            try (SourceReader reader = stores.reader(plan, null, plan.batch().size());
                 PlanStores.Writers writers = stores.writers(plan)) {
                return execute(reader, writers, creation.describe());
            }
        } finally {
            stores.clearStandIns();
            standIns.forEach(dev.ferry.store.postgres.ScratchTable::close);
        }
    }

    private DryRunReport execute(SourceReader reader, PlanStores.Writers writers, List<String> creations) {
        reader.refuseUnpageableKeys(); // what the run would refuse before writing, the dry run refuses too
        long total = reader.count();
        Instant start = Instant.now();
        listener.on(new RunEvent.Started(start, "dry-run", plan.name(), total, 0, false));
        Map<String, long[]> counts = new LinkedHashMap<>(); // insert, update, skip, errors, bytes
        java.util.Set<String> emptyTargets = new java.util.HashSet<>();
        plan.targets().forEach(t -> {
            if (writers.get(t.collection()).isEmpty()) {
                emptyTargets.add(t.collection());
            }
        });
        plan.targets().forEach(t -> counts.put(t.collection(), new long[5]));
        List<RecordError> errors = new ArrayList<>();
        int samplePerTarget = Math.min(MAX_SAMPLE_PER_TARGET,
                Math.max(plan.batch().size(), WRITE_SAMPLE / Math.max(1, plan.targets().size())));
        Map<String, List<Document>> writeSample = new LinkedHashMap<>();
        plan.targets().forEach(t -> writeSample.put(t.collection(), new ArrayList<>()));
        long errorCount = 0;
        long processed = 0;
        long batch = 0;
        UnseenSourceFields fields = new UnseenSourceFields(plan);
        TargetKeyClaims claims = TargetKeyClaims.inMemory(plan);
        List<Document> sources;
        while (!(sources = reader.next()).isEmpty()) {
            Instant t0 = Instant.now();
            List<MappedRecord> accepted = new ArrayList<>(sources.size());
            List<MappedRecord> refused = new ArrayList<>();
            for (Document source : sources) {
                fields.add(source);
                MappedRecord mapped = refuseUnfit(mapper.mapSafely(source, reader.key()), writers);
                (mapped.ok() ? accepted : refused).add(mapped);
            }
            Map<Object, List<dev.ferry.transform.FieldError>> taken = claims.claim(batch + 1, accepted);
            Map<String, List<Document>> perTarget = new LinkedHashMap<>();
            for (MappedRecord mapped : accepted) {
                List<dev.ferry.transform.FieldError> collisions = taken.get(SourceKeys.identity(mapped.sourceKey()));
                if (collisions != null) {
                    refused.add(new MappedRecord(mapped.sourceKey(), mapped.targets(), collisions));
                } else {
                    mapped.documents().forEach((t, docs) -> perTarget.computeIfAbsent(t, k -> new ArrayList<>())
                            .addAll(docs));
                }
            }
            for (MappedRecord mapped : refused) {
                errorCount++;
                mapped.errors().stream().map(e -> counts.get(e.target())).distinct()
                        .forEach(c -> { if (c != null) c[3]++; });
                if (errors.size() < MAX_ERRORS_LISTED) {
                    errors.add(new RecordError(SourceKeys.render(mapped.sourceKey()),
                            String.join("; ", mapped.errors().stream().map(Object::toString).toList())));
                }
            }
            perTarget.forEach((t, docs) -> {
                compare(writers.get(t), docs, counts.get(t), emptyTargets.contains(t));
                List<Document> sample = writeSample.get(t);
                if (sample.size() < samplePerTarget) {
                    sample.addAll(docs.subList(0, Math.min(docs.size(), samplePerTarget - sample.size())));
                }
            });
            processed += sources.size();
            Duration latency = Duration.between(t0, Instant.now());
            double rate = sources.size() / Math.max(latency.toNanos() / 1e9, 1e-6);
            listener.on(new RunEvent.BatchDone(Instant.now(), "dry-run", ++batch, processed, total, errorCount,
                    Map.of(), rate, 0, latency, Duration.between(start, Instant.now()),
                    Duration.ofMillis((long) (Math.max(0, total - processed) / rate * 1000))));
        }
        Duration elapsed = Duration.between(start, Instant.now());
        DryRunReport.DurationParts parts = estimate(elapsed, counts, errorCount, batch, writeSample);
        Duration estimate = parts.total();
        List<DryRunReport.TargetEstimate> targets = new ArrayList<>();
        long bytes = 0;
        for (TargetSpec t : plan.targets()) {
            long[] c = counts.get(t.collection());
            targets.add(new DryRunReport.TargetEstimate(t.collection(), c[0], c[1], c[2], c[3], c[4]));
            bytes += c[4];
        }
        stores.journal().dryRuns().record(new DryRunRecord(plan.name(), plan.hash(), Instant.now(), processed,
                errorCount, estimate.toMillis(), bytes));
        return new DryRunReport(plan.name(), plan.hash(), processed, targets, errorCount, errors, elapsed, estimate,
                bytes, List.of(), notes(creations), parts,
                warnings(fields, processed, errorCount));
    }

    private List<String> notes(List<String> creations) {
        List<String> notes = new ArrayList<>(creations);
        notes.add("Guardrails: " + plan.guardrails().describe());
        return notes;
    }

    /** Fields no record has, and a quarantine share the plan's error-rate guardrail would pause the run for. */
    private List<String> warnings(UnseenSourceFields fields, long processed, long quarantined) {
        List<String> out = new ArrayList<>(fields.warnings());
        Double limit = plan.guardrails().maxErrorRate();
        if (processed > 0 && quarantined == processed) {
            out.add(0, "every record read would be quarantined: the run would migrate nothing");
        } else if (limit != null && processed > 0 && (double) quarantined / processed > limit) {
            out.add(0, String.format(java.util.Locale.ROOT, "%,d of %,d records (%.1f %%) would be quarantined, above"
                    + " the max error rate of %s: the run would %s", quarantined, processed, 100.0 * quarantined
                    / processed, new java.text.DecimalFormat("0.##").format(limit * 100) + " %",
                    plan.guardrails().onBreach().name().toLowerCase(java.util.Locale.ROOT)));
        }
        return out;
    }

    /**
     * The run's time: this pass's read+map (a run reads and maps the same records), the writes of what would be
     * inserted or updated plus the pre-images an update keeps and the quarantined records' journal entries (each
     * about a document's write), and every batch's bookkeeping.
     */
    private DryRunReport.DurationParts estimate(Duration readAndMap, Map<String, long[]> counts, long quarantined,
                                                long batches, Map<String, List<Document>> sample) {
        long inserts = counts.values().stream().mapToLong(c -> c[0]).sum();
        long updates = counts.values().stream().mapToLong(c -> c[1]).sum();
        RunCostSample.Costs costs = new RunCostSample(stores, plan, plan.batch().size(),
                MigrationRun.targetWriters(plan.targets().size())).measure(sample);
        Duration writes = Duration.ofNanos((long) (costs.nanosPerDoc() * (inserts + 2 * updates + quarantined)));
        return new DryRunReport.DurationParts(readAndMap, writes, batches,
                Duration.ofNanos((long) costs.nanosPerBatch()));
    }

    /** A table target's refusals (values that do not fit their columns) make a record quarantined, as in a run. */
    private MappedRecord refuseUnfit(MappedRecord mapped, PlanStores.Writers writers) {
        if (!mapped.ok()) {
            return mapped;
        }
        List<dev.ferry.transform.FieldError> errors = new ArrayList<>();
        Map<String, List<Document>> documents = mapped.documents();
        for (TargetSpec t : plan.targets()) {
            if (t.isTable()) {
                documents.getOrDefault(t.collection(), List.of()).forEach(doc -> writers.get(t.collection())
                        .refusals(doc).forEach(r -> errors.add(new dev.ferry.transform.FieldError(t.collection(), "*", r))));
            }
        }
        return errors.isEmpty() ? mapped : mapped.withErrors(errors);
    }

    /** Counts would-insert / would-update / would-skip against what the target holds now, and the bytes. */
    private static void compare(TargetWriter target, List<Document> docs, long[] c, boolean empty) {
        Map<Object, Document> existing = new HashMap<>();
        if (!empty) { // an empty target needs no lookup: everything would be inserted
            existing = target.stored(docs.stream().map(d -> d.get("_id")).toList());
        }
        for (Document doc : docs) {
            Document now = existing.get(SourceKeys.identity(doc.get("_id")));
            c[now == null ? 0 : now.equals(target.comparable(doc)) ? 2 : 1]++;
            c[4] += DocumentChecksum.bsonSize(doc);
        }
    }
}
