package dev.ferry.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.mongodb.client.MongoDatabase;
import dev.ferry.FerryException;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanError;
import dev.ferry.plan.PlanException;
import dev.ferry.plan.PlanLoader;
import dev.ferry.plan.TargetSpec;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every plan of the generated corpus ({@link MalformedPlans}) either is refused with located errors (exit 2), or
 * loads and then runs against a real server to a clear outcome: completed with every source record written or
 * quarantined, or a {@link FerryException} saying why. Never another exception, a hang, or a record gone missing;
 * no expression gets to run Java code.
 */
class BadPlanCorpusTest {

    private static final Path CANARY = Path.of("/tmp/ferry-canary");
    static final int SOURCE_RECORDS = 12;

    enum Outcome { REFUSED, COMPLETED, RUN_REFUSED }

    static InProcessMongo mongo;

    @BeforeAll
    static void start() throws Exception {
        mongo = new InProcessMongo();
        Files.deleteIfExists(CANARY);
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void everyMalformedPlanIsRefusedWithLocatedErrorsOrRunsToAClearOutcome(@TempDir Path dir) throws Exception {
        List<MalformedPlans.Input> corpus = MalformedPlans.all();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(200);
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        Map<String, Integer> refusedByKind = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        int n = 0;
        for (MalformedPlans.Input input : corpus) {
            Path file = dir.resolve((n++) + "-" + input.fileName());
            Files.write(file, input.bytes());
            Outcome outcome;
            try {
                outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> judge(input, file),
                        () -> "hung on " + input);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
                continue;
            }
            outcomes.merge(outcome, 1, Integer::sum);
            if (outcome == Outcome.REFUSED) {
                refusedByKind.merge(input.kind().replaceAll(" at .*| in .*|\\d[\\d,]* ", ""), 1, Integer::sum);
            }
        }
        System.err.printf("bad-plan corpus: %d inputs, outcomes %s, refused by kind %s%n", corpus.size(), outcomes,
                refusedByKind);
        assertThat(failures).as("inputs that crashed, hung or lost records").isEmpty();
        assertThat(CANARY).as("an expression reached the file system").doesNotExist();
        assertThat(outcomes.getOrDefault(Outcome.REFUSED, 0)).isGreaterThan(corpus.size() / 2);
        for (String kind : List.of("Latin-1 text", "UTF-16 text", "invalid UTF-8 bytes", "truncated UTF-8 sequence")) {
            MalformedPlans.Input input = corpus.stream().filter(i -> i.kind().equals(kind)).findFirst().orElseThrow();
            Path file = dir.resolve("again-" + input.fileName());
            Files.write(file, input.bytes());
            assertThat(catchThrowableOfType(PlanException.class, () -> PlanLoader.load(file)).errors())
                    .as(kind).singleElement().satisfies(e -> assertThat(e.message()).contains("not valid UTF-8"));
        }
    }

    private Outcome judge(MalformedPlans.Input input, Path file) {
        Plan plan;
        try {
            plan = PlanLoader.load(file);
        } catch (PlanException e) {
            assertThat(e.errors()).as("errors of %s", input).isNotEmpty();
            for (PlanError error : e.errors()) {
                assertThat(error.file()).as("file of %s", input).isEqualTo(file.toString());
                assertThat(error.line()).as("line of %s", input).isPositive();
                assertThat(error.message()).as("message of %s", input).isNotBlank();
                assertThat(error.render()).as("rendered error of %s", input).doesNotContain("Exception");
            }
            return Outcome.REFUSED;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("the plan loader crashed on " + input + ": " + e, e);
        }
        return run(input, plan);
    }

    /** A plan that loaded runs on a fresh database with a small source: it completes accountably or is refused. */
    private Outcome run(MalformedPlans.Input input, Plan plan) {
        String dbName = "c" + Integer.toHexString(input.hashCode() & 0xfffffff) + System.nanoTime() % 100_000;
        MongoDatabase db = mongo.database(dbName);
        try {
            db.getCollection(plan.source().collection()).insertMany(sources());
        } catch (RuntimeException e) {
            // a collection name the server refuses: the run must then say so
        }
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri(dbName)).withLeaseTtl(Duration.ofSeconds(2))) {
            RunReport report = ferry.run(plan, new RunControl(), e -> { });
            assertThat(report.state()).as("state of %s", input).isEqualTo(RunState.COMPLETED);
            long quarantined = db.getCollection("ferry_quarantine").countDocuments();
            assertThat(report.quarantined()).as("quarantined of %s", input).isEqualTo(quarantined);
            for (TargetSpec target : plan.targets()) {
                long written = db.getCollection(target.collection()).countDocuments();
                assertThat(written + quarantined).as("records of %s in %s", input, target.collection())
                        .isEqualTo(report.processed());
            }
            for (Document q : db.getCollection("ferry_quarantine").find()) {
                assertThat(q.getString("reason")).as("quarantine reason of %s", input).isNotBlank();
            }
            return Outcome.COMPLETED;
        } catch (FerryException e) {
            assertThat(e.getMessage()).as("message of %s", input).isNotBlank();
            assertThat(e.exitCode()).as("exit code of %s", input).isIn(1, 2, 3);
            return Outcome.RUN_REFUSED;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("the run crashed on " + input + ": " + e, e);
        } finally {
            db.drop();
        }
    }

    static List<Document> sources() {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < SOURCE_RECORDS; i++) {
            Document d = new Document("_id", i).append("name", "n" + i).append("at", new Date(1_700_000_000_000L + i));
            if (i % 3 != 0) {
                d.append("items", List.of(i, "x"));
            }
            docs.add(d);
        }
        return docs;
    }
}
