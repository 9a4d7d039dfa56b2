package dev.ferry.engine.split;

import dev.ferry.demo.DemoDatabase;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.plan.Guardrails;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Figures, not a test: forecasts that learn. Runbook 000's plan runs several times on one demo database, the source
 * re-seeded at another size before each run and the targets emptied (as after a rollback); each run follows a dry
 * run, which from the second run on calibrates its estimate from the runs before it. Prints each estimate beside the
 * run's actual time, and the error of the measured estimate beside the calibrated one. Not part of {@code mvn verify}:
 * {@code mvn -o test -Dgroups=bench -Dtest=ForecastBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbench.sizes=3000,8000,…}, {@code -Dbench.batch=1000}); prints to target/bench/forecast.txt.
 */
@Tag("bench")
class ForecastBenchmark {

    @Test
    void calibratedEstimatesAgainstActualRuns() throws Exception {
        int batch = Integer.getInteger("bench.batch", 1000);
        List<Integer> sizes = new ArrayList<>();
        for (String s : System.getProperty("bench.sizes", "4000,10000,2500,16000,6000,12000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        Plan loaded = PlanLoader.load(Path.of("plans/user-data-split.yaml")).withBatchSize(batch);
        Plan plan = new Plan(loaded.name(), loaded.file(), loaded.hash(), loaded.source(), loaded.batch(),
                loaded.targets(), Guardrails.none(), loaded.validation(), loaded.rollback(), loaded.retry());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Forecasts that learn: runbook 000's plan,"
                + " batches of %,d, one demo database (in-process server), %d runs of different sizes; load average"
                + " at start %.1f%n", batch, sizes.size(), loadAverage()));
        out.append(String.format(Locale.ROOT, "  %3s %8s %10s %8s %10s %10s %10s %10s%n", "run", "records",
                "measured", "factor", "estimate", "actual", "err meas.", "err est."));
        List<Double> measuredErrors = new ArrayList<>();
        List<Double> calibratedErrors = new ArrayList<>();
        try (DemoDatabase demo = DemoDatabase.start(0);
             SplitEngine ferry = SplitEngine.connect(demo.connectionString())) {
            for (int i = 0; i < sizes.size(); i++) {
                demo.seed(sizes.get(i), 42 + i);
                for (var target : plan.targets()) {
                    ferry.store().collection(target.collection()).drop();
                }
                DryRunReport dry = ferry.dryRun(plan, RunListener.NONE);
                RunReport run = ferry.run(plan, new RunControl(), RunListener.NONE);
                double measured = dry.durationParts().total().toMillis();
                double estimate = dry.estimatedDuration().toMillis();
                double actual = run.elapsed().toMillis();
                double errMeasured = (measured - actual) / actual;
                double errEstimate = (estimate - actual) / actual;
                if (i > 0) {
                    measuredErrors.add(errMeasured);
                    calibratedErrors.add(errEstimate);
                }
                out.append(String.format(Locale.ROOT, "  %3d %,8d %9.2fs %8s %9.2fs %9.2fs %+9.0f%% %+9.0f%%%n", i + 1,
                        run.processed(), measured / 1e3, dry.calibration() == null ? "-"
                                : String.format(Locale.ROOT, "%.2f", dry.calibration().factor()), estimate / 1e3,
                        actual / 1e3, 100 * errMeasured, 100 * errEstimate));
            }
        }
        out.append(String.format(Locale.ROOT, "  runs 2-%d: measured estimate off by %s; calibrated estimate off by %s;"
                + " within ±30 %%: %d of %d; load average at end %.1f%n", sizes.size(), range(measuredErrors),
                range(calibratedErrors), calibratedErrors.stream().filter(e -> Math.abs(e) <= 0.30).count(),
                calibratedErrors.size(), loadAverage()));
        System.out.print(out);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "forecast.txt"), out);
    }

    private static String range(List<Double> errors) {
        double max = errors.stream().mapToDouble(Math::abs).max().orElse(0);
        double mean = errors.stream().mapToDouble(Math::abs).average().orElse(0);
        return String.format(Locale.ROOT, "%.0f %% on average, at most %.0f %%", 100 * mean, 100 * max);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
