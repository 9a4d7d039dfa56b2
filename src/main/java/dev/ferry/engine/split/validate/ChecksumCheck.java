package dev.ferry.engine.split.validate;

import dev.ferry.engine.FieldDifference;


import dev.ferry.store.SourceKeys;
import dev.ferry.FerryException;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.store.mongo.MongoBatchReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Every target document against the one the mapping produces from its source, by content checksum. Streams the
 * source in keyset batches and looks the targets up by {@code _id}, so memory stays at one batch — but for a target
 * whose {@code _id} is not the source key itself (a natural key may repeat), whose ids are held to name the source
 * records that map to one document: the later one is listed as overwriting the first.
 */
public final class ChecksumCheck implements Check {

    public static final int DEFAULT_BATCH = 1000;
    private static final int DETAILED = 20;

    private final CheckSpec.Checksum spec;
    private final int batch;

    public ChecksumCheck(CheckSpec.Checksum spec) {
        this(spec, DEFAULT_BATCH);
    }

    public ChecksumCheck(CheckSpec.Checksum spec, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, was " + batch);
        }
        this.spec = spec;
        this.batch = batch;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String method() {
        return "checksum";
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        long started = System.nanoTime();
        ctx.source(); // fails, as "could not check", when there is no source collection
        String key = ctx.key();
        Map<String, Side> sides = new LinkedHashMap<>();
        ctx.plan().targets().forEach(t -> sides.put(t.collection(),
                new Side(t.collection(), new TargetLookup(ctx.store().collection(t.collection()), batch),
                        idIsTheSourceKey(t, key) ? null : new java.util.HashMap<>())));
        FailingKeys failing = new FailingKeys();
        List<String> details = new ArrayList<>();
        long streamed = 0;
        long skipped = 0;

        // one sorted cursor streamed in batches: the demo server scans the whole collection for every range query
        try (MongoBatchReader reader = new MongoBatchReader(ctx.store(), ctx.plan().source(), null, batch)) {
            while (true) {
                List<Document> records = reader.next();
                if (records.isEmpty()) {
                    break;
                }
                List<Expected> expected = new ArrayList<>(records.size());
                Set<Object> batchFailing = new LinkedHashSet<>();
                for (Document record : records) {
                    Object k = SourceKeys.valueAt(record, key);
                    if (k == null) {
                        throw new FerryException("A source record of " + ctx.sourceName() + " has no value for the key "
                                + key + ": the checksum check pages on a unique, non-null key. Fix the record or the plan's key.");
                    }
                    streamed++;
                    if (ctx.quarantinedInSource().contains(k)) {
                        skipped++;
                        continue;
                    }
                    Expected e = Expected.of(ctx.mapper(), record, k);
                    if (e.ok()) {
                        expected.add(e);
                    } else {
                        batchFailing.add(k);
                        detail(details, e.mappingErrors());
                    }
                }
                for (Side side : sides.values()) {
                    side.compare(expected).forEach(f -> {
                        batchFailing.add(f.sourceKey());
                        detail(details, f.line());
                    });
                }
                batchFailing.forEach(failing::add);
                if (records.size() < batch) {
                    break;
                }
            }
        }

        sides.values().forEach(s -> s.lookup.close());
        List<String> evidence = new ArrayList<>();
        evidence.add("db." + ctx.sourceName() + ".find(" + Shell.json(ctx.sourceFilter()) + ").sort({\"" + key
                + "\": 1}).batchSize(" + batch + ") → " + Shell.n(streamed) + " records, streamed in batches of "
                + Shell.n(batch));
        evidence.add(ctx.quarantine().describe());
        evidence.add(Shell.n(skipped) + " quarantined records skipped (expected absent from the targets)");
        long extras = 0;
        List<String> extraParts = new ArrayList<>();
        for (Side side : sides.values()) {
            long count = ctx.store().collection(side.name).countDocuments();
            long extra = count - side.found;
            evidence.add(side.lookup.describe());
            evidence.add(side.name + ": expected " + side.expected + "; stored (found) " + side.stored + "; "
                    + Shell.n(side.missing) + " missing, " + Shell.n(side.differing) + " differing"
                    + (side.overwritten > 0 ? ", " + Shell.n(side.overwritten) + " mapping to a document another"
                    + " source record maps to (overwritten)" : ""));
            evidence.add(Shell.count(side.name, new Document()) + " → " + Shell.n(count) + ", " + Shell.n(Math.max(0, extra))
                    + " not produced by any source record");
            if (extra < 0) {
                evidence.add(side.name + ": " + Shell.n(-extra) + " more matches than documents: several source records "
                        + "map to one _id");
            }
            if (extra > 0) {
                extras += extra;
                extraParts.add(Shell.n(extra) + " in " + side.name);
            }
        }
        evidence.addAll(details);
        if (failing.truncated()) {
            evidence.add("failing keys: the first " + Shell.n(failing.listed().size()) + " of " + Shell.n(failing.count())
                    + " are listed");
        }

        long checked = streamed - skipped;
        boolean nothing = checked == 0 && streamed > 0;
        boolean failed = failing.count() > 0 || extras > 0 || nothing;
        String summary = nothing ? "nothing was migrated: all " + Shell.n(streamed) + " source records are in"
                + " quarantine, so no target document could be compared"
                : (failed ? Shell.n(failing.count()) + " of " : "all ") + Shell.n(checked) + " source records "
                + (failed ? "mismatch" : "match") + " their target documents by checksum"
                + (skipped > 0 ? " (" + Shell.n(skipped) + " quarantined skipped)" : "")
                + (extras > 0 ? "; " + String.join(", ", extraParts) + " target documents no source record produced" : "");
        return new CheckResult(name(), method(), failed ? CheckStatus.FAILED : CheckStatus.PASSED, checked, streamed,
                failing.count() + extras, summary, evidence, failing.listed(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** A target keyed by the source key as it is cannot have two source records map to one document. */
    private static boolean idIsTheSourceKey(dev.ferry.plan.TargetSpec target, String key) {
        return target.id() instanceof dev.ferry.plan.FieldRule.From from && from.path().equals(key)
                && !from.options().hasDefault() && from.options().when() == null && from.options().convert() == null;
    }

    private static void detail(List<String> details, String line) {
        if (details.size() < DETAILED) {
            details.add(line);
        }
    }

    private record Fault(Object sourceKey, String line) {
    }

    /** One target's running totals: checksums of what the mapping produces and of what is stored. */
    private static final class Side {
        final String name;
        final TargetLookup lookup;
        DocumentChecksum.Sum expected = DocumentChecksum.Sum.EMPTY;
        DocumentChecksum.Sum stored = DocumentChecksum.Sum.EMPTY;
        long found;
        long missing;
        long differing;
        long overwritten;
        /** Target id (by identity) to the first source key that maps to it; null when ids cannot repeat. */
        final Map<Object, Object> claimedBy;

        Side(String name, TargetLookup lookup, Map<Object, Object> claimedBy) {
            this.name = name;
            this.lookup = lookup;
            this.claimedBy = claimedBy;
        }

        List<Fault> compare(List<Expected> records) {
            List<Object> ids = new ArrayList<>(records.size());
            for (Expected r : records) {
                Document d = r.targets().get(name);
                if (d != null) {
                    ids.add(d.get("_id"));
                }
            }
            Map<Object, Document> byId = lookup.byId(ids);
            List<Fault> faults = new ArrayList<>();
            for (Expected r : records) {
                Document want = r.targets().get(name);
                if (want == null) {
                    continue;
                }
                long wantSum = DocumentChecksum.of(want);
                expected = new DocumentChecksum.Sum(expected.count() + 1, expected.sum() + wantSum);
                Object first = claimedBy == null ? null
                        : claimedBy.putIfAbsent(SourceKeys.identity(want.get("_id")), r.sourceKey());
                if (first != null) {
                    overwritten++;
                    faults.add(new Fault(first, SourceKeys.render(first) + " " + name + ": document _id "
                            + DocumentDiff.show(want.get("_id")) + " is also what " + SourceKeys.render(r.sourceKey())
                            + " maps to: one of them overwrote the other"));
                    faults.add(new Fault(r.sourceKey(), SourceKeys.render(r.sourceKey()) + " " + name
                            + ": maps to the document _id " + DocumentDiff.show(want.get("_id")) + " of "
                            + SourceKeys.render(first) + " (overwritten or overwriting)"));
                    continue;
                }
                Document have = byId.get(want.get("_id"));
                if (have == null) {
                    missing++;
                    faults.add(new Fault(r.sourceKey(), SourceKeys.render(r.sourceKey()) + " " + name + ": document missing (_id "
                            + DocumentDiff.show(want.get("_id")) + ")"));
                    continue;
                }
                found++;
                long haveSum = DocumentChecksum.of(have);
                stored = new DocumentChecksum.Sum(stored.count() + 1, stored.sum() + haveSum);
                if (haveSum != wantSum) {
                    differing++;
                    List<FieldDifference> diff = DocumentDiff.between(want, have);
                    faults.add(new Fault(r.sourceKey(), SourceKeys.render(r.sourceKey()) + " " + name + ": content differs"
                            + (diff.isEmpty() ? "" : ": " + diff.get(0).describe()
                                    + (diff.size() > 1 ? " (+" + (diff.size() - 1) + " more)" : ""))));
                }
            }
            return faults;
        }
    }
}
