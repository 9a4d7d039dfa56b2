package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.PreviewReport;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shipped plan {@code plans/people-to-mongo.yaml} end to end on real servers: a PostgreSQL table with uuid,
 * timestamptz, numeric, jsonb and text[] columns, NULLs, and awkward names (mixed case, a space, a reserved word)
 * becomes a MongoDB collection; validation passes; rollback empties the collection, leaves the source unchanged,
 * and verifies both by checksum.
 */
class CrossStorePostgresToMongoTest {

    private static final int ROWS = 1234;
    private InProcessMongo mongo;
    private String pgUrl;
    private SplitEngine ferry;

    @BeforeEach
    void start() throws Exception {
        mongo = new InProcessMongo();
        pgUrl = TestPostgres.freshDatabase("people");
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"People\" (id uuid PRIMARY KEY, \"Full Name\" text NOT NULL, \"select\" text,"
                    + " born timestamptz, balance numeric(12, 2), profile jsonb, tags text[], active boolean,"
                    + " visits bigint)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO \"People\" VALUES (?, ?, ?,"
                    + " CAST(? AS timestamptz), ?, CAST(? AS jsonb), CAST(? AS text[]), ?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    insert.setObject(1, UUID.nameUUIDFromBytes(("person " + i).getBytes()));
                    insert.setString(2, "Person \"" + i + "\"");
                    insert.setString(3, i % 3 == 0 ? null : "kind " + (i % 4));
                    insert.setString(4, i % 10 == 0 ? null : "2020-01-01 00:00:00.123456+00");
                    insert.setBigDecimal(5, i % 7 == 0 ? null : new BigDecimal(i).movePointLeft(2));
                    insert.setString(6, i % 5 == 0 ? null : "{\"level\": " + i + ", \"prefs\": {\"dark\": true},"
                            + " \"list\": [1, \"two\"]}");
                    insert.setString(7, i % 6 == 0 ? null : "{a,\"b c\"," + i + "}");
                    insert.setObject(8, i % 2 == 0);
                    insert.setLong(9, 10_000_000_000L + i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        ferry = SplitEngine.connect(mongo.uri("app")).withSource(pgUrl);
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    private String sourceFingerprint() throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM \"People\" t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void runValidateAndRollBack() throws Exception {
        Plan plan = PlanLoader.load(Path.of("plans/people-to-mongo.yaml"));
        String before = sourceFingerprint();
        // a client that reads UUIDs as Ferry writes them (standard representation)
        dev.ferry.store.mongo.MongoStore reading = dev.ferry.store.mongo.MongoStore.connect(mongo.uri("app"));
        MongoDatabase db = reading.database();

        PreviewReport preview = ferry.preview(plan, 2);
        assertThat(preview.samples()).hasSize(2);
        DryRunReport dry = ferry.dryRun(plan, e -> { });
        assertThat(dry.sourceRecords()).isEqualTo(ROWS);
        assertThat(dry.targets().get(0).wouldInsert()).isEqualTo(ROWS);

        RunReport run = ferry.run(plan, new RunControl(), e -> { });
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        assertThat(run.processed()).isEqualTo(ROWS);
        assertThat(run.quarantined()).isZero();
        assertThat(db.getCollection("people").countDocuments()).isEqualTo(ROWS);

        UUID id1 = UUID.nameUUIDFromBytes("person 1".getBytes());
        Document one = db.getCollection("people").find(new Document("_id", id1)).first();
        assertThat(one).isNotNull();
        assertThat(one.getString("name")).isEqualTo("Person \"1\"");
        assertThat(one.getString("kind")).isEqualTo("kind 1");
        assertThat(one.get("born")).isEqualTo(Date.from(java.time.Instant.parse("2020-01-01T00:00:00.123Z")));
        assertThat(one.get("balance")).isEqualTo(new Decimal128(new BigDecimal("0.01")));
        assertThat(one.get("profile", Document.class).get("prefs", Document.class).getBoolean("dark")).isTrue();
        assertThat(one.get("profile", Document.class).getList("list", Object.class)).containsExactly(1, "two");
        assertThat(one.getList("tags", String.class)).containsExactly("a", "b c", "1");
        assertThat(one.get("visits")).isEqualTo(10_000_000_001L);
        Document zero = db.getCollection("people").find(new Document("_id",
                UUID.nameUUIDFromBytes("person 0".getBytes()))).first();
        assertThat(zero).containsEntry("kind", null).containsEntry("born", null).containsEntry("balance", null)
                .containsEntry("profile", null);
        assertThat(zero.getList("tags", String.class)).isEmpty(); // NULL text[] → default []

        Document journal = db.getCollection("ferry_runs").find().first();
        assertThat(journal.getString("sourceStore")).isEqualTo("postgres");
        assertThat(journal.toJson()).doesNotContain("password");

        ValidationReport validation = ferry.validate(plan);
        assertThat(validation.checks()).extracting(CheckResult::status)
                .as(validation.checks().toString()).containsOnly(CheckResult.CheckStatus.PASSED);

        db.getCollection("people").updateOne(new Document("_id", id1), new Document("$set", new Document("visits", 5)));
        ValidationReport broken = ferry.validate(plan);
        CheckResult checksum = broken.checks().stream().filter(c -> c.method().equals("checksum")).findFirst().orElseThrow();
        assertThat(checksum.status()).as(checksum.summary()).isEqualTo(CheckResult.CheckStatus.FAILED);
        assertThat(checksum.failingKeys()).containsExactly(id1.toString());
        assertThat(String.join("\n", checksum.evidence())).contains("visits");
        db.getCollection("people").updateOne(new Document("_id", id1),
                new Document("$set", new Document("visits", 10_000_000_001L)));

        RollbackReport rollback = ferry.rollback(plan, null, e -> { });
        assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        assertThat(db.getCollection("people").countDocuments()).isZero();
        assertThat(sourceFingerprint()).isEqualTo(before);
        reading.close();
    }

    @Test
    void aPlanWithATableSourceButNoPostgresConnectionSaysWhatToGive() {
        Plan plan = PlanLoader.load(Path.of("plans/people-to-mongo.yaml"));
        try (SplitEngine mongoOnly = SplitEngine.connect(mongo.uri("app"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mongoOnly.run(plan, new RunControl(), e -> { }))
                    .hasMessageContaining("public.People").hasMessageContaining("--source-uri");
        }
    }

}
