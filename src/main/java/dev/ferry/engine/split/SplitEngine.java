package dev.ferry.engine.split;

import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.runtime.RunIds;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.EvidenceReport;
import dev.ferry.engine.ReportDigest;
import dev.ferry.store.journal.ReportRecord;
import dev.ferry.engine.PlanEngine;
import dev.ferry.engine.PreviewReport;
import dev.ferry.engine.RecordComparison;
import dev.ferry.engine.RepairReport;
import dev.ferry.engine.RequestOutcome;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunRequest;
import dev.ferry.engine.RunWatch;
import dev.ferry.engine.split.live.JournalWatch;
import dev.ferry.engine.split.live.JournalledEvents;
import dev.ferry.engine.split.live.RunRequests;
import dev.ferry.engine.split.live.Steering;
import dev.ferry.engine.split.live.WorkerHeartbeat;
import dev.ferry.store.journal.Journal;
import dev.ferry.engine.RollbackPreview;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.ValidationVerdict;
import dev.ferry.engine.runtime.RetryPolicy;
import dev.ferry.engine.split.validate.Comparison;
import dev.ferry.engine.split.validate.Validation;

import dev.ferry.plan.Plan;
import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.transform.PlanMapper;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The split engine: a plan's records read in keyset batches from a collection or table, mapped into one or more
 * targets, written idempotently with undo entries, checkpointed and leased in the journal of its database (the one
 * it was connected to: MongoDB or PostgreSQL). One verb a method, each returning a result object that the CLI prints
 * and the console shows. Close it when done.
 */
public final class SplitEngine implements PlanEngine<Plan>, AutoCloseable {

    /** The MongoDB database of the plan's collections, or null. */
    private final MongoStore mongo;
    /** The PostgreSQL database of the plan's tables, or null. */
    private final PostgresStore postgres;
    /** True when the journal is in {@link #mongo}, false when in {@link #postgres}. */
    private final boolean journalInMongo;
    private final Function<Plan, RecordMapper> compiler;
    private final Duration leaseTtl;
    private final PlanStores stores;

    private SplitEngine(MongoStore mongo, PostgresStore postgres, boolean journalInMongo,
                        Function<Plan, RecordMapper> compiler, Duration leaseTtl) {
        this.mongo = mongo;
        this.postgres = postgres;
        this.journalInMongo = journalInMongo;
        this.compiler = compiler;
        this.leaseTtl = leaseTtl;
        this.stores = journalInMongo ? PlanStores.journalInMongo(mongo, postgres)
                : PlanStores.journalInPostgres(postgres, mongo);
    }

    /**
     * Connects to the database named in the URI, which keeps the journal: {@code jdbc:postgresql://…} PostgreSQL
     * (schema {@code ferry}), anything else MongoDB. Fails with a one-line reason when it cannot.
     */
    public static SplitEngine connect(String uri) {
        if (PostgresStore.isPostgresUri(uri)) {
            return on(PostgresStore.connect(uri));
        }
        return new SplitEngine(MongoStore.connect(uri), null, true, PlanMapper::compile, RunIds.DEFAULT_LEASE_TTL);
    }

    /** A split engine whose journal is in this PostgreSQL database; closing the engine closes the store. */
    public static SplitEngine on(PostgresStore postgres) {
        return new SplitEngine(null, postgres, false, PlanMapper::compile, RunIds.DEFAULT_LEASE_TTL);
    }

    /** The same connection with another lease time to live (tests and impatient operators). */
    public SplitEngine withLeaseTtl(Duration ttl) {
        return new SplitEngine(mongo, postgres, journalInMongo, compiler, ttl);
    }

    /** The same connection with another way of compiling plans into mappers. */
    public SplitEngine withCompiler(Function<Plan, RecordMapper> compiler) {
        return new SplitEngine(mongo, postgres, journalInMongo, compiler, leaseTtl);
    }

    /**
     * Also connects to the other database of a cross-store plan: the PostgreSQL database of its tables
     * ({@code jdbc:postgresql://…}) when the journal is in MongoDB, the MongoDB database of its collections when the
     * journal is in PostgreSQL. The journal stays where it is. Closed with this engine.
     */
    public SplitEngine withSource(String uri) {
        return withOther(uri);
    }

    /** Also connects to the other database of a cross-store plan's targets (see {@link #withSource}). */
    public SplitEngine withTarget(String uri) {
        return withOther(uri);
    }

    private SplitEngine withOther(String uri) {
        if (journalInMongo) {
            if (!PostgresStore.isPostgresUri(uri)) {
                throw FerryException.usage("--uri names the MongoDB database of the plan's collections; the other"
                        + " database (--source-uri/--target-uri) must be the PostgreSQL one of its tables"
                        + " (jdbc:postgresql://host:5432/db), not " + Secrets.redact(uri) + ".");
            }
            if (postgres != null) {
                postgres.close();
            }
            return new SplitEngine(mongo, PostgresStore.connect(uri), true, compiler, leaseTtl);
        }
        if (PostgresStore.isPostgresUri(uri)) {
            throw FerryException.usage("--uri names the PostgreSQL database of the plan's tables (which keeps the"
                    + " journal); the other database (--source-uri/--target-uri) must be the MongoDB one of its"
                    + " collections (mongodb://host:27017/db): a plan's tables must all be in the --uri database.");
        }
        if (mongo != null) {
            mongo.close();
        }
        return new SplitEngine(MongoStore.connect(uri), postgres, false, compiler, leaseTtl);
    }

    private PlanStores stores(Plan plan) {
        stores.refuseJournalAwayFromTheData(plan);
        return stores;
    }

    /** The MongoDB database of the plan's collections (which keeps the journal unless it is in PostgreSQL), or null. */
    public MongoStore store() {
        return mongo;
    }

    /** The database that keeps the journal. */
    public String databaseName() {
        return stores.journal().databaseName();
    }

    /** N source records beside the target documents each produces. Reads only. */
    @Override
    public PreviewReport preview(Plan plan, int samples) {
        return new Preview(stores(plan), plan, compiler.apply(plan)).execute(samples);
    }

    /** The key ranges of the plan's run in partitions: its unfinished run's, or a new run's, not worked yet. */
    @Override
    public List<dev.ferry.engine.Partition> partitions(Plan plan, int count) {
        stores.refuseJournalAwayFromTheData(plan);
        return new PartitionedRun(stores, plan, compiler.apply(plan), new RunControl(), RunListener.NONE, leaseTtl,
                count, Throttle.none()).plan();
    }

    /** Works one partition of the plan's run (a worker process, a Spark task); the run's coordinator completes it. */
    @Override
    public RunReport runPartition(Plan plan, dev.ferry.engine.Partition partition, RunControl control,
                                  RunListener listener) {
        stores.refuseJournalAwayFromTheData(plan);
        Journal journal = stores.journal();
        try (WorkerHeartbeat beat = WorkerHeartbeat.start(journal, plan.name(), partition.runId(),
                "run " + partition.label())) {
            JournalledEvents events = new JournalledEvents(journal, plan.name(), RunListener.NONE, beat);
            try {
                RunReport report = new OnePartition(stores, plan, compiler.apply(plan), leaseTtl,
                        RunShape.throttle(stores, plan, listen(listener, events))).work(partition, control, listener,
                        events,
                        new Steering(journal, plan.batch().size(), control));
                beat.outcome(report.state().label() + (report.message().isBlank() ? "" : ": " + report.message()));
                return report;
            } catch (RuntimeException e) {
                beat.outcome("stopped: " + Secrets.redact(String.valueOf(e.getMessage())));
                throw e;
            } finally {
                events.flush();
            }
        }
    }

    /** Both listeners, in turn. */
    private static RunListener listen(RunListener first, RunListener then) {
        return e -> {
            first.on(e);
            then.on(e);
        };
    }

    @Override
    public List<dev.ferry.engine.Partition> partitionsOf(Plan plan, String runId) {
        return stores.journal().partitions().of(runId).stream().map(r -> new dev.ferry.engine.Partition(r.runId(),
                r.index(), r.count(), r.after(), r.upTo())).toList();
    }

    /** Undoes one range of a partitioned run (a Spark task's share of a rollback); the run's rollback verifies. */
    @Override
    public RollbackReport rollbackPartition(Plan plan, dev.ferry.engine.Partition partition, RunListener listener) {
        stores.refuseJournalAwayFromTheData(plan);
        return new PartitionRollback(stores(plan), plan, leaseTtl).undo(partition, listener);
    }

    /** A full pass with no writes: counts per target, errors, estimated duration and storage. */
    @Override
    public DryRunReport dryRun(Plan plan, RunListener listener) {
        return new DryRun(stores(plan), plan, compiler.apply(plan), listener).execute();
    }

    /**
     * Runs the plan in batches, or resumes its unfinished run from the last checkpoint. Returns when the run
     * completes, pauses, is cancelled or fails; events arrive on the listener meanwhile. A database that goes away
     * or times out is waited for and the run resumed ({@link RetryingRun}); past the limit the run pauses.
     */
    @Override
    public RunReport run(Plan plan, RunControl control, RunListener listener) {
        stores.refuseJournalAwayFromTheData(plan);
        Journal journal = stores.journal();
        try (WorkerHeartbeat beat = WorkerHeartbeat.start(journal, plan.name(), null, "run")) {
            JournalledEvents events = new JournalledEvents(journal, plan.name(), listener, beat);
            Steering steering = new Steering(journal, plan.batch().size(), control);
            try {
                int partitions = RunShape.partitions(journal, plan);
                Throttle throttle = RunShape.throttle(stores, plan, events);
                RunReport report = partitions > 1
                        ? new PartitionedRun(stores, plan, compiler.apply(plan), control, events, leaseTtl, partitions,
                                throttle).steeredBy(steering).execute()
                        : retrying(plan, control, events, steering, throttle);
                beat.outcome(report.state().label() + (report.message().isBlank() ? "" : ": " + report.message()));
                return report;
            } catch (RuntimeException e) {
                beat.outcome("stopped: " + Secrets.redact(String.valueOf(e.getMessage())));
                throw e;
            } finally {
                events.flush();
            }
        }
    }

    private RunReport retrying(Plan plan, RunControl control, RunListener listener, Steering steering,
                               Throttle throttle) {
        List<MigrationRun> attempts = new ArrayList<>();
        return new RetryingRun(RetryPolicy.of(plan.retry()), plan.name(), control, listener,
                () -> new RunHistory(stores.journal()).list(plan.name(), 1).stream().findFirst(),
                (runId, message) -> stores.journal().runs().markPaused(runId, attempts.stream()
                        .map(MigrationRun::owner).filter(Objects::nonNull).toList(), message),
                stores.journal().quarantine().place()).run((l, c) -> {
                    List<String> earlier = attempts.stream().map(MigrationRun::owner).filter(Objects::nonNull).toList();
                    MigrationRun attempt = new MigrationRun(stores(plan), plan, compiler.apply(plan), c, l, leaseTtl,
                            steering).after(earlier).throttledBy(throttle);
                    attempts.add(attempt);
                    return attempt.execute();
                });
    }

    /** Follows a run of the plan (its latest when {@code runId} is null) through the journal. */
    @Override
    public RunWatch watch(Plan plan, String runId, RunListener listener) {
        return JournalWatch.start(stores(plan).journal(), plan.name(), runId, listener);
    }

    /** Writes a request to the plan's run (its latest when {@code runId} is null) into the journal. */
    @Override
    public RequestOutcome request(Plan plan, String runId, RunRequest request) {
        return new RunRequests(stores(plan).journal()).request(plan.name(), runId, request);
    }

    /**
     * Runs the plan's validation checks, re-applying its compiled mapping to the source. Reads the data only; the
     * verdict is journalled on the plan's latest run (the run whose quarantine the checks take), for History.
     */
    @Override
    public ValidationReport validate(Plan plan) {
        RunHistory runs = new RunHistory(stores.journal());
        Optional<String> runId = runs.latestRunId(plan.name());
        try (WorkerHeartbeat beat = WorkerHeartbeat.start(stores.journal(), plan.name(), runId.orElse(null),
                "validate")) {
            ValidationReport report = new Validation(stores(plan)).validate(plan, compiler.apply(plan));
            ValidationVerdict verdict = ValidationVerdict.of(report, Instant.now());
            runId.ifPresent(id -> {
                runs.recordValidation(id, verdict);
                runs.keepValidation(id, plan.name(), report);
            });
            beat.outcome("validated: " + verdict.summary());
            return report;
        }
    }

    /** What a repair of the plan's latest completed run would write. Reads only. */
    @Override
    public RepairReport repairPreview(Plan plan, List<String> keys) {
        return new Repair(stores(plan), plan, compiler.apply(plan), RunListener.NONE, leaseTtl).preview(keys);
    }

    /** Re-applies the plan to the records whose targets are missing or differ, as batches of its latest run. */
    @Override
    public RepairReport repair(Plan plan, List<String> keys, RunListener listener) {
        return new Repair(stores(plan), plan, compiler.apply(plan), listener, leaseTtl).execute(keys);
    }

    /** The report of a run of the plan, from its journal. Reads only. */
    @Override
    public EvidenceReport report(Plan plan, String runId) {
        return new EvidenceReports(stores(plan).journal()).of(plan, runId);
    }

    @Override
    public Optional<EvidenceReport.Estimate> latestEstimate(Plan plan) {
        return stores(plan).journal().evidence().latestEstimate(plan.name(), plan.hash(), Instant.now())
                .map(e -> EvidenceReports.estimate(e, null));
    }

    @Override
    public void reported(Plan plan, ReportDigest d) {
        stores(plan).journal().evidence().reported(new ReportRecord(d.runId(), d.plan(), d.digest(), d.format(),
                d.at(), d.operator(), d.host(), d.bytes()));
    }

    @Override
    public Optional<ReportDigest> reportDigest(String sha256) {
        return stores.journal().evidence().report(sha256).map(r -> new ReportDigest(r.runId(), r.plan(), r.digest(),
                r.format(), r.at(), r.operator(), r.host(), r.bytes()));
    }

    /** One source record, found by its key as checks print it, beside its expected and stored targets. Reads only. */
    @Override
    public RecordComparison compare(Plan plan, String sourceKey) {
        return new Comparison(stores(plan), plan, compiler.apply(plan)).of(sourceKey);
    }

    /** What a rollback of the run (null: the plan's latest) would undo, for the confirmation. */
    @Override
    public RollbackPreview rollbackPreview(Plan plan, String runId) {
        return new Rollback(stores(plan), plan, RunListener.NONE, null, leaseTtl).preview(runId);
    }

    /** Replays the run's undo log in reverse, then verifies the targets against their pre-run checksums. */
    @Override
    public RollbackReport rollback(Plan plan, String runId, RunListener listener) {
        Journal journal = stores(plan).journal();
        try (WorkerHeartbeat beat = WorkerHeartbeat.start(journal, plan.name(), runId, "rollback")) {
            JournalledEvents journalled = new JournalledEvents(journal, plan.name(), RunListener.NONE, beat);
            RunListener both = event -> {
                listener.on(event);
                if (!(event instanceof RunEvent.Started)) { // a rollback's start is its state change, not a run's
                    journalled.on(event);
                }
            };
            try {
                RollbackReport report = new Rollback(stores, plan, both, null, leaseTtl).execute(runId);
                beat.outcome("rolled back" + (report.verified() ? "; verified" : "; verification found differences"));
                return report;
            } catch (RuntimeException e) {
                beat.outcome("stopped: " + Secrets.redact(String.valueOf(e.getMessage())));
                throw e;
            } finally {
                journalled.flush();
            }
        }
    }

    /** Runs, newest first; of one plan, or of all when {@code plan} is null. */
    public List<RunSummary> history(String plan) {
        return new RunHistory(stores.journal()).list(plan, 500);
    }

    @Override
    public Class<Plan> plans() {
        return Plan.class;
    }

    @Override
    public void close() {
        try {
            stores.close();
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (mongo != null) {
                mongo.close();
            }
        }
    }
}
