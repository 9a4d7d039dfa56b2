package dev.ferry.cli;

import dev.ferry.bench.BenchReport;
import dev.ferry.bench.SplitBenchmark;
import dev.ferry.plan.BundledPlan;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry bench}: bare inserts of the split's output against the full split migration, on a demo server. */
@Command(name = "bench", description = "Measure the split migration against bare insertMany of its output"
        + " (in-process demo server; prints both wall times, both throughputs and their ratio).")
final class BenchCommand extends Verb {

    @Option(names = "--docs", paramLabel = "N", defaultValue = "100000",
            description = "source documents (default: ${DEFAULT-VALUE})")
    int docs;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3",
            description = "measure each side this many times and keep the best (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "the plan to measure (default: the bundled runbook 000 split)")
    Path planFile;

    @Override
    public Integer call() {
        if (docs < 1000 || repeats < 1) {
            throw new CliUsageException("--docs must be at least 1000 and --repeats at least 1.");
        }
        Plan plan = planFile != null ? PlanLoader.load(planFile) : BundledPlan.load();
        BenchReport r = new SplitBenchmark(plan, line -> {
            notes().println(line);
            notes().flush();
        }).run(docs, repeats);
        if (json()) {
            printJson(r);
        } else {
            print(r, out());
        }
        return OK;
    }

    static void print(BenchReport r, PrintWriter out) {
        out.printf("source documents   %,d (%,d target documents)%n", r.sourceDocs(), r.targetDocs());
        out.printf("(a) insertMany     %.2f s  %,.0f target docs/s%n", r.rawInsert().toNanos() / 1e9,
                r.rawDocsPerSecond());
        out.printf("(b) migration      %.2f s  %,.0f target docs/s%n", r.migration().toNanos() / 1e9,
                r.migrationDocsPerSecond());
        out.printf("best of %d repeats; ratio = time(a) / time(b)%n", r.repeats());
        out.printf("ratio %.2f%n", r.ratio());
        out.flush();
    }
}
