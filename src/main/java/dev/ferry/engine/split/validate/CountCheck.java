package dev.ferry.engine.split.validate;

import com.mongodb.client.MongoCollection;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.plan.CheckSpec;
import dev.ferry.plan.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** Source records (less those the run quarantined) against each target's document count. */
public final class CountCheck implements Check {

    private final CheckSpec.Count spec;

    public CountCheck(CheckSpec.Count spec) {
        this.spec = spec;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String method() {
        return "count";
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        long started = System.nanoTime();
        MongoCollection<Document> source = ctx.source();
        Document filter = ctx.sourceFilter();
        List<String> evidence = new ArrayList<>();

        long sourceCount = source.countDocuments(filter);
        evidence.add(Shell.count(ctx.sourceName(), filter) + " → " + Shell.n(sourceCount));
        Quarantine quarantine = ctx.quarantine();
        evidence.add(quarantine.describe());
        long quarantined = ctx.quarantinedInSource().size();
        if (quarantine.size() > 0) {
            evidence.add(Shell.n(quarantined) + " of them match the source filter now: "
                    + Shell.count(ctx.sourceName(), Shell.and(filter, new Document(ctx.key(),
                            new Document("$in", List.of("<quarantined keys>"))))));
        }
        long expected = sourceCount - quarantined;

        List<String> sides = new ArrayList<>();
        long mismatched = 0;
        boolean failed = false;
        for (TargetSpec target : ctx.plan().targets()) {
            String name = target.collection();
            if (!ctx.store().exists(name)) {
                evidence.add("target collection " + name + " does not exist");
                if (expected > 0) {
                    failed = true;
                    mismatched += expected;
                    sides.add("≠ " + name + " missing (collection does not exist)");
                } else {
                    sides.add("= " + name + " 0 (collection does not exist)");
                }
                continue;
            }
            long count = ctx.store().collection(name).countDocuments();
            evidence.add(Shell.count(name, new Document()) + " → " + Shell.n(count));
            if (count != expected) {
                failed = true;
                mismatched += Math.abs(count - expected);
                evidence.add(name + ": " + (count < expected
                        ? Shell.n(expected - count) + " fewer than expected: records missing (a checksum check names them)"
                        : Shell.n(count - expected) + " more than expected: documents no source record accounts for"));
            }
            sides.add((count == expected ? "= " : "≠ ") + name + " " + Shell.n(count));
        }

        boolean nothing = sourceCount > 0 && expected <= 0;
        String summary = (nothing ? "nothing was migrated: " : "") + Shell.n(sourceCount) + " source − "
                + Shell.n(quarantined) + " quarantined = " + Shell.n(expected) + " " + String.join(failed ? "; " : " ",
                sides);
        failed |= nothing; // matching counts of zero are not a migration
        return new CheckResult(name(), method(), failed ? CheckStatus.FAILED : CheckStatus.PASSED,
                sourceCount, sourceCount, mismatched, summary, evidence, List.of(),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
