package dev.ferry.engine.split.validate;

import dev.ferry.engine.FieldDifference;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.split.stores.PlanStores;

import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.SourceReader;
import dev.ferry.store.TargetWriter;
import dev.ferry.transform.FieldError;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Validation of a plan with a table source or target, through the store SPI only: the source is read again in key
 * order and re-mapped; each produced record is compared with what its target stores, in the target's own terms
 * (a table compares each column's text as the server gives it, so no microsecond or digit is lost to BSON).
 * {@code count} compares counts, {@code checksum} compares every record, {@code sample} the first N in key order;
 * {@code predicate} checks are MongoDB filters and cannot run here.
 */
public final class CrossStoreValidation {

    private static final int BATCH = 1000;
    private static final int SHOWN = 20;

    private final PlanStores stores;

    public CrossStoreValidation(PlanStores stores) {
        this.stores = stores;
    }

    /**
     * Plans with a table, and plans that embed related records or fan out (their source records are joined with their
     * related records as a run reads them, and a record may produce many target records), are checked here.
     */
    public static boolean needed(Plan plan) {
        return plan.source().isTable() || plan.targets().stream().anyMatch(TargetSpec::isTable) || plan.embeds()
                || plan.fansOut();
    }

    public List<CheckResult> run(Plan plan, RecordMapper mapper, List<CheckSpec> specs) {
        Quarantine quarantine = Quarantine.ofLatestRun(stores.journal(), plan.name());
        List<CheckResult> results = new ArrayList<>();
        try (PlanStores.Writers writers = stores.writers(plan)) {
            for (CheckSpec spec : specs) {
                long t0 = System.nanoTime();
                try {
                    results.add(check(spec, plan, mapper, writers, quarantine, t0));
                } catch (RuntimeException e) {
                    String reason = String.valueOf(e.getMessage());
                    results.add(new CheckResult(name(spec), method(spec), CheckStatus.COULD_NOT_CHECK, 0, 0, 0,
                            "could not check: " + reason, List.of(reason), List.of(), since(t0)));
                }
            }
        }
        return results;
    }

    private CheckResult check(CheckSpec spec, Plan plan, RecordMapper mapper, PlanStores.Writers writers,
                              Quarantine quarantine, long t0) {
        if (spec instanceof CheckSpec.Predicate p && !plan.source().isTable() && plan.targets().stream()
                .anyMatch(t -> t.collection().equals(p.target()) && !t.isTable())) {
            // both sides are MongoDB collections: the filters can run as written
            return new PredicateCheck(p).run(new CheckContext(stores.mongo("source", plan.source().collection()),
                    stores.journal(), plan, mapper));
        }
        if (spec instanceof CheckSpec.Predicate p) {
            String why = "predicate checks are MongoDB filters on the source and a target; a plan with tables"
                    + " cannot run them (use count, sample and checksum)";
            return new CheckResult(p.name(), "predicate", CheckStatus.COULD_NOT_CHECK, 0, 0, 0, "could not check: "
                    + why, List.of(why), List.of(), since(t0));
        }
        long limit = spec instanceof CheckSpec.Sample s ? s.size() : Long.MAX_VALUE;
        Pass pass = compare(plan, mapper, writers, quarantine, limit, !(spec instanceof CheckSpec.Count));
        if (spec instanceof CheckSpec.Count c) {
            return counts(c, plan, writers, pass, quarantine, t0);
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(Shell.n(pass.compared) + " records of " + plan.source().collection() + " re-mapped and compared"
                + " with the targets, record by record" + (limit == Long.MAX_VALUE ? "" : " (the first "
                + Shell.n(limit) + " in key order)"));
        evidence.add(quarantine.describe());
        evidence.addAll(pass.differences);
        boolean nothing = pass.compared == 0 && pass.total > 0 && pass.quarantined >= pass.total;
        boolean ok = pass.mismatched.isEmpty() && !nothing;
        String summary = nothing ? "nothing was migrated: all " + Shell.n(pass.total) + " source records are in"
                + " quarantine, so no target record could be compared" : ok ? Shell.n(pass.compared) + " records: every target record is as the mapping produces it"
                : Shell.n(pass.mismatched.size()) + " of " + Shell.n(pass.compared) + " records differ";
        return new CheckResult(name(spec), method(spec), ok ? CheckStatus.PASSED : CheckStatus.FAILED, pass.compared,
                pass.total, pass.mismatched.size(), summary, evidence, pass.mismatched, since(t0));
    }

    private CheckResult counts(CheckSpec.Count spec, Plan plan, PlanStores.Writers writers, Pass pass,
                               Quarantine quarantine, long t0) {
        long expected = pass.total - pass.quarantined;
        List<String> evidence = new ArrayList<>();
        evidence.add(plan.source().collection() + ": " + Shell.n(pass.total) + " records, " + Shell.n(pass.quarantined)
                + " of them quarantined by the latest run");
        List<String> sides = new ArrayList<>();
        long mismatched = 0;
        for (TargetSpec t : plan.targets()) {
            long count = writers.get(t.collection()).count();
            long wanted = pass.produced.getOrDefault(t.collection(), 0L);
            evidence.add(t.collection() + ": " + Shell.n(count) + (t.fansOut() ? " (the migrated records have "
                    + Shell.n(wanted) + " elements in " + t.options().fanOut().path() + ")" : ""));
            mismatched += Math.abs(count - wanted);
            sides.add((count == wanted ? "= " : "≠ ") + t.collection() + " " + Shell.n(count)
                    + (t.fansOut() && count != wanted ? " (expected " + Shell.n(wanted) + ")" : ""));
        }
        boolean nothing = pass.total > 0 && expected <= 0;
        String summary = (nothing ? "nothing was migrated: " : "") + Shell.n(pass.total) + " source − "
                + Shell.n(pass.quarantined) + " quarantined = " + Shell.n(expected) + " " + String.join(" ", sides);
        return new CheckResult(spec.name(), "count", mismatched == 0 && !nothing ? CheckStatus.PASSED
                : CheckStatus.FAILED,
                pass.total, pass.total, mismatched, summary, evidence, List.of(), since(t0));
    }

    /** What one pass over the source found. */
    private static final class Pass {
        long total;
        long compared;
        long quarantined;
        /** Per target, the records the mapping produces from the source records that migrate. */
        final Map<String, Long> produced = new LinkedHashMap<>();
        final List<String> mismatched = new ArrayList<>();
        final List<String> differences = new ArrayList<>();
    }

    private Pass compare(Plan plan, RecordMapper mapper, PlanStores.Writers writers, Quarantine quarantine,
                         long limit, boolean contents) {
        Pass pass = new Pass();
        String key = plan.source().key();
        try (SourceReader reader = stores.reader(plan, null, BATCH)) {
            List<Document> batch;
            while (!(batch = reader.next()).isEmpty()) {
                Map<String, Map<Object, Document>> expected = new LinkedHashMap<>();
                Map<Object, Object> sourceKeyOf = new LinkedHashMap<>();
                for (Document source : batch) {
                    pass.total++;
                    Object sourceKey = SourceKeys.valueAt(source, key);
                    MappedRecord mapped = mapper.mapSafely(source, key);
                    Map<String, List<Document>> documents = mapped.documents();
                    List<String> refusals = new ArrayList<>();
                    if (mapped.ok()) {
                        for (TargetSpec t : plan.targets()) {
                            if (t.isTable()) {
                                documents.getOrDefault(t.collection(), List.of())
                                        .forEach(doc -> refusals.addAll(writers.get(t.collection()).refusals(doc)));
                            }
                        }
                    }
                    boolean fails = !mapped.ok() || !refusals.isEmpty();
                    if (fails || quarantine.contains(sourceKey)) { // also a record the run found a target key taken for
                        pass.quarantined++;
                        if (contents && !quarantine.contains(sourceKey) && pass.compared < limit) {
                            mismatch(pass, sourceKey, SourceKeys.render(sourceKey) + ": fails now ("
                                    + String.join("; ", mapped.errors().stream().map(FieldError::toString).toList())
                                    + String.join("; ", refusals) + "), yet the run did not quarantine it");
                        }
                        continue;
                    }
                    documents.forEach((t, docs) -> pass.produced.merge(t, (long) docs.size(), Long::sum));
                    if (!contents || pass.compared >= limit) {
                        continue;
                    }
                    pass.compared++;
                    documents.forEach((t, docs) -> docs.forEach(doc -> {
                        expected.computeIfAbsent(t, x -> new LinkedHashMap<>()).put(SourceKeys.identity(doc.get("_id")), doc);
                        sourceKeyOf.put(t + "\u0000" + SourceKeys.identity(doc.get("_id")), sourceKey);
                    }));
                }
                expected.forEach((t, docs) -> {
                    TargetWriter writer = writers.get(t);
                    Map<Object, Document> stored = writer.stored(docs.values().stream().map(d -> d.get("_id")).toList());
                    docs.forEach((id, doc) -> {
                        Object sourceKey = sourceKeyOf.get(t + "\u0000" + id);
                        Document now = stored.get(id);
                        if (now == null) {
                            mismatch(pass, sourceKey, SourceKeys.render(sourceKey) + ": no record "
                                    + SourceKeys.render(doc.get("_id")) + " in " + t);
                            return;
                        }
                        Document want = writer.comparable(doc);
                        if (!want.equals(now)) {
                            String diff = String.join("; ", DocumentDiff.between(want, now).stream()
                                    .map(FieldDifference::describe).toList());
                            mismatch(pass, sourceKey, SourceKeys.render(sourceKey) + " → " + t + ": " + diff);
                        }
                    });
                });
            }
        }
        return pass;
    }

    private static void mismatch(Pass pass, Object sourceKey, String line) {
        String key = SourceKeys.render(sourceKey);
        if (!pass.mismatched.contains(key)) {
            pass.mismatched.add(key);
        }
        if (pass.differences.size() < SHOWN) {
            pass.differences.add(line);
        }
    }

    private static String name(CheckSpec spec) {
        if (spec instanceof CheckSpec.Count c) {
            return c.name();
        } else if (spec instanceof CheckSpec.Sample s) {
            return s.name();
        } else if (spec instanceof CheckSpec.Predicate p) {
            return p.name();
        }
        return ((CheckSpec.Checksum) spec).name();
    }

    private static String method(CheckSpec spec) {
        return spec instanceof CheckSpec.Count ? "count" : spec instanceof CheckSpec.Sample ? "sample"
                : spec instanceof CheckSpec.Predicate ? "predicate" : "checksum";
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
