package dev.ferry.e2e;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ferry.demo.ShopDemo;
import dev.ferry.testing.ChildFerry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code plans/listings-reviews-to-postgres.yaml} from the CLI on the shop demo, as an operator runs it: the run (in a
 * child JVM) is SIGKILLed part-way, after it created the tables; run again (another child) it resumes from its
 * checkpoint; the reviews table then holds exactly one row per review (listing, position and content as in MongoDB);
 * validate passes; rollback leaves the PostgreSQL database with the tables it had before (the created ones gone) and the source as it was.
 */
class ListingsReviewsKillResumeTest {
    private static final Path PLAN = Path.of("plans/listings-reviews-to-postgres.yaml");
    private static final String NAME = "listings-reviews-to-postgres";
    private static ShopDemo demo;

    @BeforeAll
    static void start() {
        demo = ShopDemo.start(0, 0, 80, 3); // 40 listings
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void killedMidRunResumesValidatesAndRollsBackToThePriorState() throws Exception {
        List<String> tablesBefore = strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
        String[] where = {"--uri", demo.mongoUri(), "--target-uri", demo.postgresUrl(), "--plan", PLAN.toString()};
        try (MongoClient client = MongoClients.create(demo.mongoUri())) {
            MongoDatabase db = client.getDatabase(ShopDemo.DATABASE);
            List<String> expected = expectedReviews(db);
            Path out = Files.createTempFile("ferry-listings", ".out");
            Process child = ChildFerry.start(jvm(), out, concat(new String[] {"run", "--batch-size", "4"}, where));
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (processed(db) < 12) {
                    assertThat(child.isAlive()).as("ended before the kill point:\n" + Files.readString(out)).isTrue();
                    assertThat(System.nanoTime()).as("no progress:\n" + Files.readString(out)).isLessThan(deadline);
                    Thread.sleep(2);
                }
            } finally {
                child.destroyForcibly(); // SIGKILL
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(processed(db)).as("killed before the end").isLessThan(40);
            assertThat(strings("SELECT to_regclass('reviews')::text")).as("created before the kill")
                    .containsExactly("reviews");

            ChildFerry.Result resumed = ChildFerry.run(jvm(), concat(new String[] {"run", "--batch-size", "4"}, where));
            assertThat(resumed.code()).as(resumed.output()).isZero();
            assertThat(resumed.output()).contains("Resuming run");
            assertThat(strings("SELECT listing_id || '|' || position || '|' || review_id || '|' || rating || '|'"
                    + " || coalesce(comments, '<null>') || '|' || (extract(epoch FROM reviewed_at) * 1000)::bigint"
                    + " FROM reviews ORDER BY 1")).isEqualTo(expected);
            assertThat(strings("SELECT count(*) FROM listings")).containsExactly("40");

            // validate and rollback in process (the CLI's own verbs are in CrossStore* and PostgresOnlySplitCliTest):
            // a child JVM each would double this test's time
            try (dev.ferry.engine.split.SplitEngine ferry = dev.ferry.engine.split.SplitEngine.connect(demo.mongoUri())
                    .withTarget(demo.postgresUrl())) {
                dev.ferry.plan.Plan plan = dev.ferry.plan.PlanLoader.load(PLAN).withBatchSize(4);
                assertThat(ferry.validate(plan).checks()).extracting(dev.ferry.engine.CheckResult::status)
                        .containsOnly(dev.ferry.engine.CheckResult.CheckStatus.PASSED);
                dev.ferry.engine.RollbackReport back = ferry.rollback(plan, null, e -> { });
                assertThat(back.verified()).as(String.join("\n", back.verification())).isTrue();
                assertThat(back.verification()).contains("table reviews: created by the run, dropped",
                        "table listings: created by the run, dropped");
            }
            assertThat(strings("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"))
                    .isEqualTo(tablesBefore);
            assertThat(expectedReviews(db)).as("the source is as it was").isEqualTo(expected);
        }
    }

    /** One line per review as the reviews table should hold it, in the order SQL sorts them. */
    private static List<String> expectedReviews(MongoDatabase db) throws Exception {
        List<String> rows = new ArrayList<>();
        for (Document l : db.getCollection(ShopDemo.LISTINGS).find()) {
            List<Document> reviews = l.getList("reviews", Document.class);
            for (int i = 0; i < reviews.size(); i++) {
                Document r = reviews.get(i);
                rows.add(l.getString("_id") + "|" + i + "|" + r.getString("_id") + "|" + r.getInteger("rating") + "|"
                        + (r.getString("comments") == null ? "<null>" : r.getString("comments")) + "|"
                        + r.getDate("date").getTime());
            }
        }
        // the database's collation orders them: sort there
        if (rows.isEmpty()) {
            return rows;
        }
        try (Connection c = DriverManager.getConnection(demo.postgresUrl());
             java.sql.PreparedStatement s = c.prepareStatement("SELECT x FROM unnest(?::text[]) x ORDER BY 1")) {
            s.setArray(1, c.createArrayOf("text", rows.toArray()));
            List<String> sorted = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sorted.add(rs.getString(1));
                }
            }
            return sorted;
        }
    }

    private static long processed(MongoDatabase db) {
        Document run = db.getCollection("ferry_runs").find(eq("plan", NAME)).first();
        return run == null ? 0 : ((Number) run.get("processed")).longValue();
    }

    private static List<String> jvm() {
        return List.of("-Dferry.lease.ttl.seconds=2", "-Dferry.log.dir=" + System.getProperty("java.io.tmpdir"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<String> strings(String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(demo.postgresUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
