package dev.ferry.engine;

import dev.ferry.plan.MigrationPlan;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PostgresPlan;
import dev.ferry.store.mongo.MongoJournal;
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
 * The engine's facade: one verb a method, each returning a result object that the CLI prints and the
 * console shows. Opened on one database; close it when done.
 */
public final class Ferry implements MigrationEngine {

    /** How long a run's lease lives without a heartbeat; {@code -Dferry.lease.ttl.seconds} overrides the 60 s. */
    static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(Long.getLong("ferry.lease.ttl.seconds", 60));

    private final MongoStore store;
    private final Function<Plan, RecordMapper> compiler;
    private final Duration leaseTtl;
    /** The PostgreSQL database of a cross-store plan's tables, or null; the journal stays in {@link #store}. */
    private final PostgresStore postgres;

    private Ferry(MongoStore store, Function<Plan, RecordMapper> compiler, Duration leaseTtl) {
        this(store, compiler, leaseTtl, null);
    }

    private Ferry(MongoStore store, Function<Plan, RecordMapper> compiler, Duration leaseTtl, PostgresStore postgres) {
        this.store = store;
        this.compiler = compiler;
        this.leaseTtl = leaseTtl;
        this.postgres = postgres;
    }

    /** Connects to the database named in the URI; fails with a one-line reason when it cannot. */
    public static Ferry connect(String uri) {
        return new Ferry(MongoStore.connect(uri), PlanMapper::compile, DEFAULT_LEASE_TTL);
    }

    /** The same connection with another lease time to live (tests and impatient operators). */
    public Ferry withLeaseTtl(Duration ttl) {
        return new Ferry(store, compiler, ttl, postgres);
    }

    /** The same connection with another way of compiling plans into mappers. */
    public Ferry withCompiler(Function<Plan, RecordMapper> compiler) {
        return new Ferry(store, compiler, leaseTtl, postgres);
    }

    /**
     * Also connects to the PostgreSQL database ({@code jdbc:postgresql://…}) that holds a cross-store plan's source
     * table; the run's journal, undo log, quarantine and lease stay in this MongoDB database. Closed with this.
     */
    public Ferry withSource(String jdbcUrl) {
        return withPostgres(jdbcUrl);
    }

    /** Also connects to the PostgreSQL database that holds a cross-store plan's target tables (see {@link #withSource}). */
    public Ferry withTarget(String jdbcUrl) {
        return withPostgres(jdbcUrl);
    }

    private Ferry withPostgres(String jdbcUrl) {
        if (postgres != null) {
            postgres.close();
        }
        return new Ferry(store, compiler, leaseTtl, PostgresStore.connect(jdbcUrl));
    }

    private PlanStores stores() {
        return new PlanStores(store, postgres);
    }

    public MongoStore store() {
        return store;
    }

    @Override
    public String kind() {
        return "MongoDB";
    }

    @Override
    public String databaseName() {
        return store.databaseName();
    }

    @Override
    public AssessReport assess(int sampleSize) {
        return new Assessment(store).assess(sampleSize);
    }

    /** N source records beside the target documents each produces. Reads only. */
    @Override
    public PreviewReport preview(MigrationPlan any, int samples) {
        Plan plan = split(any);
        return new Preview(stores(), plan, compiler.apply(plan)).execute(samples);
    }

    /** A full pass with no writes: counts per target, errors, estimated duration and storage. */
    @Override
    public DryRunReport dryRun(MigrationPlan any, RunListener listener) {
        Plan plan = split(any);
        return new DryRun(stores(), plan, compiler.apply(plan), listener).execute();
    }

    /**
     * Runs the plan in batches, or resumes its unfinished run from the last checkpoint. Returns when the run
     * completes, pauses, is cancelled or fails; events arrive on the listener meanwhile. A database that goes away
     * or times out is waited for and the run resumed ({@link RetryingRun}); past the limit the run pauses.
     */
    @Override
    public RunReport run(MigrationPlan any, RunControl control, RunListener listener) {
        Plan plan = split(any);
        List<MigrationRun> attempts = new ArrayList<>();
        return new RetryingRun(RetryPolicy.of(plan.retry()), plan.name(), control, listener,
                () -> new RunHistory(store).list(plan.name(), 1).stream().findFirst(),
                (runId, message) -> new MongoJournal(store).markPaused(runId, attempts.stream()
                        .map(MigrationRun::owner).filter(Objects::nonNull).toList(), message)).run((l, c) -> {
                    List<String> earlier = attempts.stream().map(MigrationRun::owner).filter(Objects::nonNull).toList();
                    MigrationRun attempt = new MigrationRun(stores(), plan, compiler.apply(plan), c, l, leaseTtl)
                            .after(earlier);
                    attempts.add(attempt);
                    return attempt.execute();
                });
    }

    /**
     * Runs the plan's validation checks, re-applying its compiled mapping to the source. Reads the data only; the
     * verdict is journalled on the plan's latest run (the run whose quarantine the checks take), for History.
     */
    @Override
    public ValidationReport validate(MigrationPlan any) {
        Plan plan = split(any);
        RunHistory runs = new RunHistory(store);
        Optional<String> runId = runs.latestRunId(plan.name());
        ValidationReport report = new Validation(stores()).validate(plan, compiler.apply(plan));
        runId.ifPresent(id -> runs.recordValidation(id, ValidationVerdict.of(report, Instant.now())));
        return report;
    }

    /** One source record, found by its key as checks print it, beside its expected and stored targets. Reads only. */
    public RecordComparison compare(Plan plan, String sourceKey) {
        return new Comparison(store, plan, compiler.apply(plan)).of(sourceKey);
    }

    /** What a rollback of the run (null: the plan's latest) would undo, for the confirmation. */
    @Override
    public RollbackPreview rollbackPreview(MigrationPlan any, String runId) {
        Plan plan = split(any);
        return new Rollback(stores(), plan, RunListener.NONE, null, leaseTtl).preview(runId);
    }

    /** Replays the run's undo log in reverse, then verifies the targets against their pre-run checksums. */
    @Override
    public RollbackReport rollback(MigrationPlan any, String runId, RunListener listener) {
        Plan plan = split(any);
        return new Rollback(stores(), plan, listener, null, leaseTtl).execute(runId);
    }

    /** Runs, newest first; of one plan, or of all when {@code plan} is null. */
    @Override
    public List<RunSummary> history(String plan) {
        return new RunHistory(store).list(plan, 500);
    }

    /** A PostgreSQL operation plan runs on its PostgreSQL database, not here: refused with where to go instead. */
    private static Plan split(MigrationPlan plan) {
        if (plan instanceof Plan split) {
            return split;
        }
        PostgresPlan pg = (PostgresPlan) plan;
        throw new dev.ferry.FerryException("Plan " + pg.name() + " changes PostgreSQL tables (" + pg.subject()
                + "); connect to that PostgreSQL database (jdbc:postgresql://host:5432/database) to run it, not to"
                + " MongoDB.");
    }

    @Override
    public void close() {
        if (postgres != null) {
            postgres.close();
        }
        store.close();
    }
}
