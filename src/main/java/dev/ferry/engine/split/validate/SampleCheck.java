package dev.ferry.engine.split.validate;

import dev.ferry.store.SourceKeys;
import static com.mongodb.client.model.Sorts.ascending;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * The field mapping check: re-applies the mapping to N random source records and compares what it produces, field by
 * field, with what the targets hold.
 */
public final class SampleCheck implements Check {

    private static final int BATCH = 1000;
    private static final int SHOWN_DIFFERENCES = 300;
    private static final int SAMPLE_ATTEMPTS = 5;

    private final CheckSpec.Sample spec;

    public SampleCheck(CheckSpec.Sample spec) {
        if (spec.size() < 1) {
            throw new IllegalArgumentException("sample size must be at least 1, was " + spec.size());
        }
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String method() {
        return "sample";
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        long started = System.nanoTime();
        MongoCollection<Document> source = ctx.source();
        List<String> evidence = new ArrayList<>();
        long total = source.countDocuments(ctx.sourceFilter());
        evidence.add(Shell.count(ctx.sourceName(), ctx.sourceFilter()) + " → " + Shell.n(total));

        Map<Object, Document> sample = draw(source, ctx, evidence);
        int skipped = 0;
        List<Expected> records = new ArrayList<>();
        Map<Object, List<String>> differences = new LinkedHashMap<>();
        for (Map.Entry<Object, Document> e : sample.entrySet()) {
            if (ctx.quarantinedInSource().contains(e.getKey())) {
                skipped++;
                continue;
            }
            Expected expected = Expected.of(ctx.mapper(), e.getValue(), e.getKey());
            if (expected.ok()) {
                records.add(expected);
            } else {
                differences.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(expected.mappingErrors());
            }
        }
        evidence.add(ctx.quarantine().describe());
        evidence.add(Shell.n(skipped) + " sampled records skipped as quarantined");

        for (String target : targetsOf(ctx)) {
            List<Object> ids = new ArrayList<>();
            records.stream().map(r -> r.targets().get(target)).filter(d -> d != null).forEach(d -> ids.add(d.get("_id")));
            TargetLookup lookup = new TargetLookup(ctx.store().collection(target), BATCH);
            Map<Object, Document> stored = lookup.byId(ids);
            evidence.add(lookup.describe());
            for (Expected r : records) {
                Document expected = r.targets().get(target);
                if (expected == null) {
                    continue;
                }
                Document found = stored.get(expected.get("_id"));
                List<String> lines = found == null
                        ? List.of(SourceKeys.render(r.sourceKey()) + " " + target + ": document missing (_id "
                                + DocumentDiff.show(expected.get("_id")) + ")")
                        : DocumentDiff.between(expected, found).stream()
                                .map(d -> SourceKeys.render(r.sourceKey()) + " " + target + "." + d.describe()).toList();
                if (!lines.isEmpty()) {
                    differences.computeIfAbsent(r.sourceKey(), k -> new ArrayList<>()).addAll(lines);
                }
            }
        }

        FailingKeys failing = new FailingKeys();
        differences.keySet().forEach(failing::add);
        List<String> lines = differences.values().stream().flatMap(List::stream).toList();
        lines.stream().limit(SHOWN_DIFFERENCES).forEach(evidence::add);
        if (lines.size() > SHOWN_DIFFERENCES) {
            evidence.add("… " + Shell.n(lines.size() - SHOWN_DIFFERENCES) + " more differences not shown");
        }

        long checked = sample.size() - skipped;
        String of = Shell.n(checked) + " sampled record" + (checked == 1 ? "" : "s") + " of " + Shell.n(total)
                + (skipped > 0 ? " (" + Shell.n(skipped) + " quarantined skipped)" : "");
        boolean nothing = checked == 0 && total > 0 && ctx.quarantinedInSource().size() >= total;
        boolean failed = failing.count() > 0 || nothing;
        String summary = nothing ? "nothing was migrated: every sampled record of " + Shell.n(total) + " is in"
                + " quarantine, so no target document could be compared" : failed
                ? Shell.n(failing.count()) + " of " + of + " differ from what the mapping produces; first: " + lines.get(0)
                : of + ": every field matches in " + String.join(", ", targetsOf(ctx));
        return new CheckResult(name(), method(), failed ? CheckStatus.FAILED : CheckStatus.PASSED, checked, total,
                failing.count(), summary, evidence, failing.listed(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** N random records by key ({@code $sample} can return one twice); the first N by key where it is refused. */
    private Map<Object, Document> draw(MongoCollection<Document> source, CheckContext ctx, List<String> evidence) {
        Map<Object, Document> sample = new LinkedHashMap<>();
        List<Document> pipeline = new ArrayList<>();
        if (!ctx.sourceFilter().isEmpty()) {
            pipeline.add(new Document("$match", ctx.sourceFilter()));
        }
        pipeline.add(new Document("$sample", new Document("size", spec.size())));
        String aggregate = "db." + ctx.sourceName() + ".aggregate([" + String.join(", ",
                pipeline.stream().map(Shell::json).toList()) + "])";
        MongoException refused = null;
        for (int attempt = 1; attempt <= SAMPLE_ATTEMPTS; attempt++) {
            try {
                sample.clear();
                for (Document d : source.aggregate(pipeline).batchSize(Math.min(spec.size(), BATCH))) {
                    sample.putIfAbsent(SourceKeys.valueAt(d, ctx.key()), d);
                }
                evidence.add(aggregate + (attempt > 1 ? " (answered at attempt " + attempt + ")" : ""));
                return sample;
            } catch (MongoException e) {
                // mongo-java-server's $sample fails now and then ("Comparison method violates its general contract")
                refused = e;
            }
        }
        sample.clear();
        String reason = refused instanceof MongoCommandException c ? c.getErrorMessage() : refused.getMessage();
        evidence.add("$sample refused " + SAMPLE_ATTEMPTS + " times (" + reason + "): compared the first "
                + Shell.n(spec.size()) + " records by key instead, not a random sample: db." + ctx.sourceName() + ".find("
                + Shell.json(ctx.sourceFilter()) + ").sort({\"" + ctx.key() + "\": 1}).limit(" + spec.size() + ")");
        for (Document d : source.find(ctx.sourceFilter()).sort(ascending(ctx.key())).limit(spec.size())
                .batchSize(Math.min(spec.size(), BATCH))) {
            sample.putIfAbsent(SourceKeys.valueAt(d, ctx.key()), d);
        }
        return sample;
    }

    private static List<String> targetsOf(CheckContext ctx) {
        return ctx.plan().targets().stream().map(t -> t.collection()).toList();
    }
}
