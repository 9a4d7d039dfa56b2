package dev.ferry.engine.split.validate;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.Plan;
import dev.ferry.store.mongo.MongoStore;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a plan's validation checks against the source and targets, and says what they leave uncovered. */
public final class Validation {

    public static final int DEFAULT_SAMPLE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(Validation.class);

    private final PlanStores stores;

    /** A validation of MongoDB-only plans whose journal is in the same database. */
    public Validation(MongoStore store) {
        this(PlanStores.journalInMongo(store, null));
    }

    public Validation(PlanStores stores) {
        this.stores = stores;
    }

    /** The plan's checks in order; count + sample of 1,000 + checksum when it lists none. */
    public ValidationReport validate(Plan plan, RecordMapper mapper) {
        List<CheckSpec> specs = plan.validation().isEmpty() ? defaults() : plan.validation();
        if (CrossStoreValidation.needed(plan)) {
            List<CheckResult> results = new CrossStoreValidation(stores).run(plan, mapper, specs);
            Quarantine q = Quarantine.ofLatestRun(stores.journal(), plan.name());
            return new ValidationReport(plan.name(), results, notCovered(results),
                    notMigrated(q, q.size(), results));
        }
        CheckContext context = new CheckContext(stores.mongo("source", plan.source().collection()), stores.journal(),
                plan, mapper);
        List<CheckResult> results = new ArrayList<>();
        for (CheckSpec spec : specs) {
            results.add(run(check(spec), context));
        }
        return new ValidationReport(plan.name(), results, notCovered(results), notMigrated(context, results));
    }

    public static List<CheckSpec> defaults() {
        return List.of(new CheckSpec.Count("count"), new CheckSpec.Sample("sample", DEFAULT_SAMPLE),
                new CheckSpec.Checksum("checksum"));
    }

    private static Check check(CheckSpec spec) {
        if (spec instanceof CheckSpec.Count c) {
            return new CountCheck(c);
        } else if (spec instanceof CheckSpec.Sample s) {
            return new SampleCheck(s);
        } else if (spec instanceof CheckSpec.Predicate p) {
            return new PredicateCheck(p);
        } else if (spec instanceof CheckSpec.Checksum c) {
            return new ChecksumCheck(c);
        }
        throw new IllegalArgumentException("unknown check " + spec);
    }

    /** A check that cannot run is reported as such, not as failed, and the others still run. */
    private static CheckResult run(Check check, CheckContext context) {
        long started = System.nanoTime();
        try {
            return check.run(context);
        } catch (RuntimeException e) {
            LOG.warn("validation check {} could not run", check.name(), e);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new CheckResult(check.name(), check.method(), CheckStatus.COULD_NOT_CHECK, 0, 0, 0,
                    "could not check: " + firstLine(reason), List.of(reason), List.of(),
                    Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /**
     * Passing checks with records in quarantine are not all good: the source holds records the run did not migrate.
     * Said once, with the numbers every check agrees on.
     */
    private static List<String> notMigrated(CheckContext context, List<CheckResult> results) {
        try {
            return notMigrated(context.quarantine(), context.quarantinedInSource().size(), results);
        } catch (RuntimeException e) {
            return List.of(); // no source: the checks say so
        }
    }

    private static List<String> notMigrated(Quarantine q, long quarantined, List<CheckResult> results) {
        long total = results.stream().filter(r -> r.method().equals("count") || r.method().equals("checksum"))
                .mapToLong(CheckResult::total).max().orElse(-1);
        if (total <= 0 || q.runId() == null || quarantined == 0) {
            return List.of();
        }
        return List.of((quarantined >= total ? "nothing was migrated: all " : Shell.n(quarantined) + " of ")
                + Shell.n(total) + " source records are in quarantine, not migrated (run " + q.runId() + "; the checks"
                + " expect them absent)");
    }

    private static List<String> notCovered(List<CheckResult> results) {
        List<String> notes = new ArrayList<>();
        boolean checksummed = false;
        for (CheckResult r : results) {
            if (r.status() == CheckStatus.COULD_NOT_CHECK) {
                notes.add(r.method() + " check \"" + r.name() + "\" could not run, so what it checks is not covered");
            } else if ("sample".equals(r.method()) && r.checked() < r.total()) {
                notes.add("sample check \"" + r.name() + "\" compared " + Shell.n(r.checked()) + " of "
                        + Shell.n(r.total()) + " records field by field");
            } else if ("checksum".equals(r.method())) {
                checksummed = true;
            }
        }
        if (!checksummed) {
            notes.add("no checksum check ran: records outside the sample are counted, their contents not compared");
        } else {
            notes.add("target documents no source record produced are counted, not listed");
        }
        notes.add("the checks compare with the source as it is now: a source record changed after the run shows as a "
                + "mismatch");
        notes.add("documents written to targets by other processes after the run are only counted, not attributed");
        notes.add("quarantined records are taken from the plan's latest run only");
        notes.add("indexes, collection options and schema validators of the targets are not compared");
        return notes;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
