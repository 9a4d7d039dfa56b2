package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.demo.ShopDemo;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Embedding is not N+1, and fan-out writes fast: on the shop demo (embedded PostgreSQL 15, in-process MongoDB), the
 * {@code plans/shop-customers-embed.yaml} run against the same plan without its embedded orders (customers/s, in ABBA
 * order on the same servers in the same run), and {@code plans/listings-reviews-to-postgres.yaml} (listings and a
 * reviews row per review into tables the run creates: rows/s, twice). Not part of {@code mvn verify} (the class name
 * matches no surefire include): {@code mvn -o test -Dtest=EmbedFanOutBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.customers=20000} (half as many listings). Prints to standard out and to target/bench/embed-fan-out.txt.
 */
public class EmbedFanOutBenchmark {

    @Test
    void embedRatioAndFanOutRows() throws Exception {
        int customers = Integer.getInteger("bench.customers", 20_000);
        long seeding = System.nanoTime();
        StringBuilder report = new StringBuilder();
        try (ShopDemo demo = ShopDemo.start(0, 0, customers, 42)) {
            report.append(String.format(Locale.ROOT, "shop demo %s seeded in %.0f s%n", demo.counts(),
                    (System.nanoTime() - seeding) / 1e9));
            String embedText = Files.readString(Path.of("plans/shop-customers-embed.yaml"))
                    .replaceAll("(?m)^    indexes:.*\\n(^      - .*\\n)+", ""); // the data path only, both sides
            String plainText = embedText.replaceAll("(?ms)^      orders:.*?(?=^validation:)", "");
            try (SplitEngine ferry = SplitEngine.connect(demo.mongoUri()).withSource(demo.postgresUrl())) {
                double plain1 = rate(ferry, variant(plainText, "plain_1"), customers);
                double embed1 = rate(ferry, variant(embedText, "embed_1"), customers);
                double embed2 = rate(ferry, variant(embedText, "embed_2"), customers);
                double plain2 = rate(ferry, variant(plainText, "plain_2"), customers);
                double readPlain1 = readRate(ferry, variant(plainText, "plain_1"), customers);
                double readEmbed1 = readRate(ferry, variant(embedText, "embed_1"), customers);
                double readEmbed2 = readRate(ferry, variant(embedText, "embed_2"), customers);
                double readPlain2 = readRate(ferry, variant(plainText, "plain_2"), customers);
                report.append(String.format(Locale.ROOT, "embed, read and map only (the dry run's pass: source pages,"
                        + " one query per relation per batch, mapping): without %,.0f and %,.0f customers/s, with"
                        + " %,.0f and %,.0f customers/s: ratio %.2f%n", readPlain1, readPlain2, readEmbed1,
                        readEmbed2, (readEmbed1 + readEmbed2) / (readPlain1 + readPlain2)));
                double plain = (plain1 + plain2) / 2;
                double embed = (embed1 + embed2) / 2;
                report.append(String.format(Locale.ROOT, "embed: %,d customers with %,d orders and %,d items —"
                        + " without embedded fields %,.0f and %,.0f customers/s, with them %,.0f and %,.0f customers/s:"
                        + " ratio %.2f (goal ≥ 0.5)%n", customers, demo.counts().get("orders"),
                        demo.counts().get("order_items"), plain1, plain2, embed1, embed2, embed / plain));
            }
            String fanText = Files.readString(Path.of("plans/listings-reviews-to-postgres.yaml"));
            try (SplitEngine ferry = SplitEngine.connect(demo.mongoUri()).withTarget(demo.postgresUrl())) {
                for (int i = 1; i <= 2; i++) {
                    Plan plan = PlanLoader.parse(fanText.replace("name: listings-reviews-to-postgres",
                                    "name: fan-out-bench-" + i).replace("table: listings", "table: listings_" + i)
                            .replace("parent: listings", "parent: listings_" + i)
                            .replace("table: reviews", "table: reviews_" + i), "fan-out-bench.yaml")
                            .withBatchSize(1000);
                    long t0 = System.nanoTime();
                    RunReport run = ferry.run(plan, new RunControl(), e -> { });
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
                    long listings = run.written().get("listings_" + i);
                    long reviews = run.written().get("reviews_" + i);
                    report.append(String.format(Locale.ROOT, "fan-out %d: %,d listings → %,d listing rows + %,d review"
                            + " rows in %.1f s (tables created, indexes built after): %,.0f rows/s (reviews alone"
                            + " %,.0f/s; goal ≥ 20,000 rows/s)%n", i, listings, listings, reviews, seconds,
                            (listings + reviews) / seconds, reviews / seconds));
                }
            }
        }
        System.out.print(report);
        Path out = Path.of("target", "bench", "embed-fan-out.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static Plan variant(String text, String name) {
        return PlanLoader.parse(text.replace("name: shop-customers-embed", "name: bench-" + name)
                .replace("collection: customers", "collection: customers_" + name), name + ".yaml").withBatchSize(1000);
    }

    /** Customers read, joined with their orders and items, and mapped per second: the dry run's own pass. */
    private static double readRate(SplitEngine ferry, Plan plan, int customers) {
        dev.ferry.engine.DryRunReport dry = ferry.dryRun(plan, e -> { });
        assertThat(dry.sourceRecords()).isEqualTo(customers);
        return customers / (dry.durationParts().readAndMap().toNanos() / 1e9);
    }

    private static double rate(SplitEngine ferry, Plan plan, int customers) {
        long t0 = System.nanoTime();
        double[] readWait = new double[1];
        RunReport run = ferry.run(plan, new RunControl(), e -> {
            if (e instanceof dev.ferry.engine.RunEvent.BatchDone b && !Double.isNaN(b.targetBusy())) {
                readWait[0] += b.latency().toNanos() / 1e9 * (1 - b.targetBusy());
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        assertThat(run.processed()).isEqualTo(customers);
        System.out.printf(Locale.ROOT, "%s: %.1f s, of which %.1f s waiting for the read side%n", plan.name(), seconds,
                readWait[0]);
        return customers / seconds;
    }
}
