package dev.ferry.engine.split;

import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;

import dev.ferry.demo.DemoDatabase;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures, not a test: the dry run's estimated duration against the real run's, for runbook 000's plan on the demo
 * data at small and at the runbook's batch size, each on a freshly seeded demo database (guardrails off, so the run
 * goes to the end whatever it takes). Not part of {@code mvn verify}:
 * {@code mvn -o test -Dgroups=bench -Dtest=DryRunEstimateBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.docs=N}, {@code -Dbench.batches=50,1000}); prints to target/bench/dry-run-estimate.txt.
 */
@Tag("bench")
class DryRunEstimateBenchmark {

    @Test
    void estimateAgainstActual() throws Exception {
        int docs = Integer.getInteger("bench.docs", DemoDatabase.DEFAULT_DOCS);
        StringBuilder out = new StringBuilder(String.format(
                "Dry run estimate vs actual run, runbook 000 plan, demo data (%,d docs, in-process server)%n", docs));
        for (String size : System.getProperty("bench.batches", "50,1000").split(",")) {
            out.append(measure(docs, Integer.parseInt(size.trim()))).append('\n');
        }
        System.out.print(out);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "dry-run-estimate.txt"), out);
    }

    private static String measure(int docs, int batchSize) {
        Plan loaded = PlanLoader.load(Path.of("plans/user-data-split.yaml")).withBatchSize(batchSize);
        Plan plan = new Plan(loaded.name(), loaded.file(), loaded.hash(), loaded.source(), loaded.batch(),
                loaded.targets(), Guardrails.none(), loaded.validation(), loaded.rollback(), loaded.retry());
        try (DemoDatabase demo = DemoDatabase.startSeeded(0, docs);
             SplitEngine ferry = SplitEngine.connect(demo.connectionString())) {
            DryRunReport dry = ferry.dryRun(plan, RunListener.NONE);
            RunReport run = ferry.run(plan, new RunControl(), RunListener.NONE);
            Duration estimate = dry.estimatedDuration();
            Duration actual = run.elapsed();
            return String.format("  batch %5d: %s; estimate %6.2f s, actual %6.2f s, actual/estimate %.2f"
                            + " (dry run took %.2f s)%s", batchSize, run.state(), estimate.toMillis() / 1e3,
                    actual.toMillis() / 1e3, actual.toMillis() / (double) Math.max(1, estimate.toMillis()),
                    dry.elapsed().toMillis() / 1e3, parts(dry));
        }
    }

    private static String parts(DryRunReport dry) {
        DryRunReport.DurationParts p = dry.durationParts();
        return p == null ? "" : String.format("%n               read+map %.2f s + writes %.2f s + bookkeeping %.2f s"
                        + " (%d batches × %.1f ms)", p.readAndMap().toMillis() / 1e3, p.writes().toMillis() / 1e3,
                p.bookkeeping().toMillis() / 1e3, p.batches(), p.perBatch().toNanos() / 1e6);
    }
}
