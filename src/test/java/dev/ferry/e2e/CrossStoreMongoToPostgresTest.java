package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunEvent;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.DocumentChecksum;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped plan {@code plans/profiles-to-postgres.yaml} end to end on real servers: MongoDB documents become rows
 * of a PostgreSQL table (awkward names; two rows there before the run, which the run updates); values that do not
 * fit their columns are quarantined with the reason; validation passes; rollback leaves the table byte-identical
 * (by {@code md5(string_agg(row::text))}); and a run killed after a batch's writes but before its checkpoint
 * resumes by first reverting that batch in the table.
 */
class CrossStoreMongoToPostgresTest {

    private static final int DOCS = 1000;
    private InProcessMongo mongo;
    private MongoDatabase db;
    private String pgUrl;
    private SplitEngine ferry;
    private Plan plan;

    @BeforeEach
    void start() throws Exception {
        mongo = new InProcessMongo();
        db = mongo.database("app");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            Document d = new Document("_id", i).append("profile_id", profileId(i).toString())
                    .append("name", "User " + i).append("email", "user" + i + "@example.org")
                    .append("score", i % 9 == 0 ? null : i / 4.0)
                    .append("signed_up", new Date(1_600_000_000_000L + i * 1000L))
                    .append("settings", new Document("theme", i % 2 == 0 ? "dark" : "light").append("n", i));
            if (i % 4 != 0) {
                d.append("roles", List.of("reader", "role " + i));
            }
            docs.add(d);
        }
        docs.get(500).put("name", "A name far longer than the forty characters the column holds");
        docs.get(700).put("score", 1.125); // three decimals: numeric(8,2) would round it
        db.getCollection("profiles").insertMany(docs);
        pgUrl = TestPostgres.freshDatabase("profiles");
        sql("CREATE TABLE \"Profiles\" (id uuid PRIMARY KEY, \"Display Name\" varchar(40) NOT NULL, \"user\" text,"
                + " score numeric(8, 2), signed_up timestamptz, settings jsonb, roles text[],"
                + " note text DEFAULT 'kept', created timestamptz DEFAULT '2001-02-03 04:05:06.789012+00')");
        sql("INSERT INTO \"Profiles\" VALUES ('" + profileId(3) + "', 'Old three', 'old@x', 1.5,"
                + " '1999-12-31 23:59:59.999999+00', '{\"old\": true}', '{x}', 'note 3')");
        sql("INSERT INTO \"Profiles\" VALUES ('" + profileId(250) + "', 'Old 250', NULL, NULL, NULL, NULL, NULL, NULL)");
        ferry = SplitEngine.connect(mongo.uri("app")).withTarget(pgUrl).withLeaseTtl(java.time.Duration.ofSeconds(1));
        plan = PlanLoader.load(Path.of("plans/profiles-to-postgres.yaml"));
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    private static UUID profileId(int i) {
        return UUID.nameUUIDFromBytes(("profile " + i).getBytes());
    }

    private void sql(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String query(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private String tableFingerprint() throws Exception {
        return query("SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM \"Profiles\" t");
    }

    private long sourceSum() {
        long sum = 0;
        for (RawBsonDocument d : db.getCollection("profiles").withDocumentClass(RawBsonDocument.class).find()) {
            sum += DocumentChecksum.ofStored(d);
        }
        return sum;
    }

    @Test
    void runQuarantinesWhatDoesNotFitValidatesAndRollsBackToTheSameBytes() throws Exception {
        String before = tableFingerprint();
        long sourceBefore = sourceSum();
        List<String> reasons = new ArrayList<>();
        RunReport run = ferry.run(plan, new RunControl(), e -> {
            if (e instanceof RunEvent.Quarantined q) {
                reasons.add(q.sourceKey() + ": " + q.reason());
            }
        });
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        assertThat(run.quarantined()).isEqualTo(2);
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("500: ")
                .contains("\"Display Name\" (character varying(40))", "over the column's 40"));
        assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("700: ")
                .contains("\"score\" (numeric(8,2))", "1.125", "would be rounded"));
        Document q = db.getCollection("ferry_quarantine").find(new Document("key", 500)).first();
        assertThat(q.getString("reason")).contains("Display Name");
        assertThat(query("SELECT count(*) FROM \"Profiles\"")).isEqualTo(String.valueOf(DOCS - 2));
        assertThat(query("SELECT count(*) FROM \"Profiles\" WHERE id = '" + profileId(500) + "'")).isEqualTo("0");

        assertThat(query("SELECT concat_ws(' / ', \"Display Name\", \"user\", score, signed_up AT TIME ZONE 'UTC',"
                + " settings, roles, note) FROM \"Profiles\" WHERE id = '" + profileId(3) + "'"))
                .isEqualTo("User 3 / user3@example.org / 0.75 / 2020-09-13 12:26:43 / {\"n\": 3, \"theme\": \"light\"}"
                        + " / {reader,\"role 3\"} / note 3");
        assertThat(query("SELECT concat_ws(' / ', score IS NULL, roles, note) FROM \"Profiles\" WHERE id = '"
                + profileId(0) + "'")).isEqualTo("t / {} / kept");

        ValidationReport validation = ferry.validate(plan);
        assertThat(validation.checks()).extracting(CheckResult::status).as(validation.checks().toString())
                .containsOnly(CheckResult.CheckStatus.PASSED);

        sql("UPDATE \"Profiles\" SET score = 99 WHERE id = '" + profileId(8) + "'");
        CheckResult checksum = ferry.validate(plan).checks().stream().filter(c -> c.method().equals("checksum"))
                .findFirst().orElseThrow();
        assertThat(checksum.status()).isEqualTo(CheckResult.CheckStatus.FAILED);
        assertThat(checksum.failingKeys()).containsExactly("8");
        assertThat(String.join("\n", checksum.evidence())).contains("score");
        sql("UPDATE \"Profiles\" SET score = 2.00 WHERE id = '" + profileId(8) + "'");

        RollbackReport rollback = ferry.rollback(plan, null, e -> { });
        assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        assertThat(rollback.restored()).containsEntry("public.Profiles", 2L);
        assertThat(tableFingerprint()).isEqualTo(before);
        assertThat(sourceSum()).isEqualTo(sourceBefore);
    }

    @Test
    void aRunKilledAfterABatchsWritesResumesByRevertingThatBatchInTheTable() throws Exception {
        String before = tableFingerprint();
        RunControl control = new RunControl();
        RunReport first = ferry.run(plan, control, e -> {
            if (e instanceof RunEvent.BatchDone b && b.batch() == 2) {
                control.cancel("simulated kill");
            }
        });
        assertThat(first.processed()).isEqualTo(400);
        // "killed after batch 2's writes, before its checkpoint": the journal goes back to batch 1
        long sumOfFirst200 = 0;
        for (RawBsonDocument d : db.getCollection("profiles").withDocumentClass(RawBsonDocument.class).find()
                .sort(new Document("_id", 1)).limit(200)) {
            sumOfFirst200 += DocumentChecksum.ofStored(d);
        }
        db.getCollection("ferry_runs").updateOne(new Document("_id", first.runId()), new Document("$set",
                new Document("state", "RUNNING").append("batch", 1L).append("lastKey", 199).append("processed", 200L)
                        .append("written", new Document("public.Profiles", 200L))
                        .append("sourceSum", new Document("count", 200L).append("sum", sumOfFirst200))));
        // between the attempts, a record of batch 2 turns bad and another one changes
        MongoCollection<Document> profiles = db.getCollection("profiles");
        profiles.updateOne(new Document("_id", 300), new Document("$set", new Document("score", "high")));
        profiles.updateOne(new Document("_id", 301), new Document("$set", new Document("name", "Renamed 301")));
        assertThat(query("SELECT count(*) FROM \"Profiles\" WHERE id = '" + profileId(300) + "'")).isEqualTo("1");

        RunReport resumed = ferry.run(plan, new RunControl(), e -> { });
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.state()).as(resumed.message()).isEqualTo(RunState.COMPLETED);
        assertThat(resumed.quarantined()).isEqualTo(3);
        assertThat(query("SELECT count(*) FROM \"Profiles\" WHERE id = '" + profileId(300) + "'"))
                .as("the row batch 2 wrote for a record that now fails is reverted").isEqualTo("0");
        assertThat(query("SELECT \"Display Name\" FROM \"Profiles\" WHERE id = '" + profileId(301) + "'"))
                .isEqualTo("Renamed 301");
        assertThat(query("SELECT note FROM \"Profiles\" WHERE id = '" + profileId(250) + "'"))
                .as("a row that existed before keeps its unmapped columns").isNull();
        assertThat(query("SELECT count(*) FROM \"Profiles\"")).isEqualTo(String.valueOf(DOCS - 3));
        assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                .containsOnly(CheckResult.CheckStatus.PASSED);

        RollbackReport rollback = ferry.rollback(plan, null, e -> { });
        // the source checksum covers what the run read: records 300 and 301 as the resumed attempt read them
        assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        assertThat(tableFingerprint()).isEqualTo(before);
    }
}
