package dev.ferry.engine.split.validate;

import com.mongodb.client.MongoCollection;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Source records matching a condition (less quarantined ones) against target documents matching its image,
 * e.g. runbook 000's "records with transformation history" = "configs with total_transformations &gt; 0".
 */
public final class PredicateCheck implements Check {

    private final CheckSpec.Predicate spec;

    public PredicateCheck(CheckSpec.Predicate spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String method() {
        return "predicate";
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        long started = System.nanoTime();
        MongoCollection<Document> source = ctx.source();
        Bson sourceFilter = Shell.and(ctx.sourceFilter(), orEmpty(spec.sourceFilter()));
        Document targetFilter = orEmpty(spec.targetFilter());
        List<String> evidence = new ArrayList<>();

        long sourceCount = source.countDocuments(sourceFilter);
        evidence.add(Shell.count(ctx.sourceName(), sourceFilter) + " → " + Shell.n(sourceCount));
        Quarantine quarantine = ctx.quarantine();
        evidence.add(quarantine.describe());
        long quarantined = quarantine.countMatching(source, ctx.key(), sourceFilter);
        if (quarantine.size() > 0) {
            evidence.add(Shell.n(quarantined) + " of them match the condition");
        }
        long expected = sourceCount - quarantined;

        String target = spec.target();
        String sourceSide = Shell.n(sourceCount) + " " + ctx.sourceName() + " with " + Shell.json(sourceFilter)
                + " − " + Shell.n(quarantined) + " quarantined = " + Shell.n(expected);
        if (!ctx.store().exists(target)) {
            evidence.add("target collection " + target + " does not exist");
            boolean failed = expected > 0;
            return result(failed ? CheckStatus.FAILED : CheckStatus.PASSED, sourceCount, expected,
                    sourceSide + (failed ? " ≠ " : " = ") + target + " missing (collection does not exist)",
                    evidence, started);
        }
        long targetCount = ctx.store().collection(target).countDocuments(targetFilter);
        evidence.add(Shell.count(target, targetFilter) + " → " + Shell.n(targetCount));
        boolean failed = targetCount != expected;
        return result(failed ? CheckStatus.FAILED : CheckStatus.PASSED, sourceCount, Math.abs(targetCount - expected),
                sourceSide + (failed ? " ≠ " : " = ") + target + " with " + Shell.json(targetFilter) + " "
                        + Shell.n(targetCount), evidence, started);
    }

    private CheckResult result(CheckStatus status, long checked, long mismatched, String summary, List<String> evidence,
                               long started) {
        return new CheckResult(name(), method(), status, checked, checked, mismatched, summary, evidence, List.of(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static Document orEmpty(Document filter) {
        return filter == null ? new Document() : filter;
    }
}
