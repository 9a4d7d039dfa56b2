package dev.ferry.engine.split;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.ferry.demo.UserDataGenerator;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.testing.AccountExport;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rollback gives back the database as it was: the records, and which collections existed with which indexes. Targets
 * the run created are dropped once the undo has emptied them (one someone else wrote to since is kept, and said so),
 * targets that existed stay with their indexes, an index the run recorded as created is dropped; Ferry's journal is
 * the only difference, and the report says so. With the journal in MongoDB, and in PostgreSQL (a table into a
 * collection: the MongoDB database ends up holding exactly what it held).
 */
class RollbackRestoresTheDatabaseTest {

    private static final Plan SPLIT = PlanLoader.load(Path.of("plans/user-data-split.yaml")).withBatchSize(250);
    static InProcessMongo mongo;

    @BeforeAll
    static void start() {
        mongo = new InProcessMongo();
    }

    @AfterAll
    static void stop() {
        mongo.close();
    }

    @Test
    void aRollbackDropsTheCollectionsTheRunCreatedAndOnlyTheJournalIsLeft() {
        MongoDatabase db = seeded("created");
        Map<String, List<Document>> before = layout(db);
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("created"))) {
            RunReport run = ferry.run(SPLIT, new RunControl(), RunListener.NONE);
            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
            assertThat(db.listCollectionNames().into(new ArrayList<>())).contains("dataset_metadata",
                    "transformation_configs");
            RollbackReport rollback = ferry.rollback(SPLIT, null, RunListener.NONE);
            assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
            assertThat(rollback.dropped()).containsExactlyInAnyOrder(
                    "collection transformation_configs (created by the run)",
                    "collection dataset_metadata (created by the run)");
            assertThat(rollback.leftBehind()).contains("ferry_").contains("only difference");
        }
        assertThat(layout(db)).as("the same collections with the same indexes").isEqualTo(before);
    }

    @Test
    void targetsThatExistedBeforeStayWithTheirIndexesAndAnIndexTheRunCreatedIsDropped() {
        MongoDatabase db = seeded("existed");
        db.createCollection("dataset_metadata");
        db.getCollection("dataset_metadata").createIndex(Indexes.ascending("dataset_id"),
                new IndexOptions().unique(true).name("dataset_id_1"));
        Map<String, List<Document>> before = layout(db);
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("existed"))) {
            RunReport run = ferry.run(SPLIT, new RunControl(), RunListener.NONE);
            // what a run that creates an index does (a plan's create: true): recorded before it is created
            MongoJournal journal = new MongoJournal(ferry.store());
            List<CreatedObject> created = new ArrayList<>(journal.created().of(run.runId()));
            assertThat(created).extracting(CreatedObject::describe).containsExactly(
                    "collection transformation_configs");
            created.add(new CreatedObject(CreatedObject.Kind.COLLECTION_INDEX, "transformation_configs",
                    "config_id_1", "{key: {config_id: 1}}", CreatedObject.State.CREATED));
            assertThat(journal.created().record(run.runId(),
                    journal.runs().find(run.runId()).orElseThrow().owner(), created)).isTrue();
            db.getCollection("transformation_configs").createIndex(Indexes.ascending("config_id"),
                    new IndexOptions().name("config_id_1"));
            RollbackReport rollback = ferry.rollback(SPLIT, null, RunListener.NONE);
            assertThat(rollback.verified()).isTrue();
            assertThat(rollback.dropped()).containsExactly(
                    "index config_id_1 on transformation_configs (created by the run)",
                    "collection transformation_configs (created by the run)");
        }
        assertThat(layout(db)).isEqualTo(before);
    }

    @Test
    void aCreatedCollectionSomeoneElseWroteToIsKeptAndTheReportSaysSo() {
        MongoDatabase db = seeded("written_since");
        try (SplitEngine ferry = SplitEngine.connect(mongo.uri("written_since"))) {
            ferry.run(SPLIT, new RunControl(), RunListener.NONE);
            db.getCollection("transformation_configs").insertOne(new Document("_id", "written-by-someone-else"));
            RollbackReport rollback = ferry.rollback(SPLIT, null, RunListener.NONE);
            assertThat(rollback.verified()).isFalse();
            assertThat(rollback.dropped()).containsExactly("collection dataset_metadata (created by the run)");
            assertThat(rollback.verification()).anyMatch(l -> l.contains("transformation_configs")
                    && l.contains("kept") && l.contains("1 document"));
            assertThat(rollback.leftBehind()).doesNotContain("only difference");
        }
        assertThat(db.getCollection("transformation_configs").countDocuments()).isEqualTo(1);
        assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("dataset_metadata");
    }

    @Test
    void aTableIntoACollectionWithTheJournalInPostgresLeavesTheMongoDatabaseAsItWas() throws Exception {
        String url = TestPostgres.freshDatabase("rollback_created");
        AccountExport.createTables(url, AccountExport.lines(13, 600));
        Plan plan = PlanLoader.parse("""
                name: accounts-to-mongo
                source: { table: bank.account_export, key: line_no }
                batch: { size: 100 }
                targets:
                  - collection: accounts
                    id: { from: account_no }
                    fields:
                      holder: { from: holder }
                      branch: { from: branch }
                guardrails: {}
                """, "accounts-to-mongo.yaml");
        MongoDatabase db = mongo.database("app");
        db.getCollection("customers").insertOne(new Document("_id", 1).append("name", "Zoë"));
        Map<String, List<Document>> before = layout(db);
        try (SplitEngine ferry = SplitEngine.connect(url).withTarget(mongo.uri("app"))) {
            RunReport run = ferry.run(plan, new RunControl(), RunListener.NONE);
            assertThat(run.state()).isEqualTo(RunState.COMPLETED);
            assertThat(db.getCollection("accounts").countDocuments()).isPositive();
            RollbackReport rollback = ferry.rollback(plan, null, RunListener.NONE);
            assertThat(rollback.verified()).isTrue();
            assertThat(rollback.dropped()).containsExactly("collection accounts (created by the run)");
            assertThat(rollback.leftBehind()).contains("schema ferry").contains("only difference");
        }
        assertThat(layout(db)).as("nothing of Ferry's in MongoDB, and accounts gone").isEqualTo(before);
    }

    private static MongoDatabase seeded(String name) {
        MongoDatabase db = mongo.database(name);
        db.getCollection("user_data").insertMany(new UserDataGenerator(4).documents(0, 1500));
        db.getCollection("user_data").createIndex(Indexes.ascending("user_id"));
        db.getCollection("audit_log").insertOne(new Document("at", new java.util.Date()).append("what", "backup"));
        db.getCollection("audit_log").createIndex(Indexes.descending("at"));
        return db;
    }

    /** Every collection but Ferry's own, with its indexes (as listIndexes gives them), by name. */
    private static Map<String, List<Document>> layout(MongoDatabase db) {
        Map<String, List<Document>> out = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            if (!name.startsWith(MongoJournal.PREFIX)) {
                out.put(name, db.getCollection(name).listIndexes().into(new ArrayList<>()));
            }
        }
        return out;
    }
}
