package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.ferry.demo.ShopDemo;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.DryRunReport;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.mongo.MongoJournal;
import dev.ferry.store.mongo.MongoStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Targets the run creates (create: true) on the shop demo: the dry run prints the DDL and leaves nothing behind; the
 * run makes the listings and reviews tables (types from type:, convert:, and the mapped values; NOT NULL where
 * required; primary keys; the reviews' foreign key to listings) and the indexes after the data; the run's record keeps
 * what it made; validation passes; the rollback drops exactly those — a table or index that was there before stays.
 * On MongoDB: a collection with runbook 000's post-migration indexes, one of which already existed.
 */
class CreatedTargetsTest {
    private static ShopDemo demo;

    @BeforeAll
    static void start() {
        demo = ShopDemo.start(0, 0, 40, 7); // 20 listings, a few hundred reviews
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static SplitEngine ferry() {
        return SplitEngine.connect(demo.mongoUri()).withTarget(demo.postgresUrl());
    }

    @Test
    void listingsAndReviewsTablesAreCreatedByTheRunAndDroppedByItsRollback() throws Exception {
        Plan plan = PlanLoader.load(Path.of("plans/listings-reviews-to-postgres.yaml")).withBatchSize(7);
        List<String> tablesBefore = strings("SELECT tablename FROM pg_tables WHERE schemaname NOT IN"
                + " ('pg_catalog', 'information_schema') ORDER BY 1");
        try (SplitEngine ferry = ferry()) {
            DryRunReport dry = ferry.dryRun(plan, e -> { });
            assertThat(dry.errorCount()).isZero();
            assertThat(dry.targets()).allMatch(t -> t.wouldInsert() > 0);
            assertThat(String.join("\n", dry.notes()))
                    .contains("CREATE TABLE \"public\".\"listings\" (\"listing_id\" text NOT NULL, \"name\" text NOT NULL")
                    .contains("\"position\" integer NOT NULL")
                    .contains("PRIMARY KEY (\"listing_id\", \"position\"), FOREIGN KEY (\"listing_id\") REFERENCES"
                            + " \"public\".\"listings\" (\"listing_id\")")
                    .contains("CREATE INDEX \"reviews_reviewer_id_idx\" ON \"public\".\"reviews\" (\"reviewer_id\")")
                    .contains("column last_scraped timestamptz — convert: date");
            assertThat(strings("SELECT tablename FROM pg_tables WHERE schemaname NOT IN"
                    + " ('pg_catalog', 'information_schema') ORDER BY 1")).as("the dry run leaves nothing behind")
                    .isEqualTo(tablesBefore);

            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(columns("listings")).contains("listing_id text NO", "name text NO", "property_type text YES",
                    "country_code character YES", "minimum_nights integer YES",
                    "last_scraped timestamp with time zone YES", "price numeric YES", "amenities jsonb YES",
                    "superhost boolean YES");
            assertThat(columns("reviews")).contains("listing_id text NO", "position integer NO", "review_id text NO",
                    "reviewed_at timestamp with time zone NO", "rating smallint YES", "comments text YES");
            assertThat(strings("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'reviews'::regclass"
                    + " ORDER BY contype")).containsExactly("FOREIGN KEY (listing_id) REFERENCES listings(listing_id)",
                    "PRIMARY KEY (listing_id, \"position\")");
            assertThat(strings("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid ="
                    + " 'listings'::regclass AND attname = 'price'")).containsExactly("numeric(10,2)");
            long reviews = 0;
            try (MongoClient client = MongoClients.create(demo.mongoUri())) {
                for (Document l : client.getDatabase("shop").getCollection("listings").find()) {
                    reviews += l.getList("reviews", Document.class).size();
                }
            }
            assertThat(strings("SELECT count(*) FROM reviews")).containsExactly(String.valueOf(reviews));
            assertThat(strings("SELECT count(*) FROM reviews r JOIN listings l USING (listing_id)"))
                    .containsExactly(String.valueOf(reviews));
            assertThat(strings("SELECT indexname FROM pg_indexes WHERE tablename IN ('listings', 'reviews')"
                    + " ORDER BY 1")).containsExactly("listings_market_price_idx", "listings_pkey", "reviews_pkey",
                    "reviews_reviewer_id_idx");
            assertThat(created(run.runId())).extracting(o -> o.describe() + " " + o.state()).containsExactly(
                    "table listings CREATED", "table reviews CREATED",
                    "index listings_market_price_idx on listings CREATED",
                    "index reviews_reviewer_id_idx on reviews CREATED");

            assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                    .containsOnly(CheckResult.CheckStatus.PASSED);

            RollbackReport back = ferry.rollback(plan, null, e -> { });
            assertThat(back.verified()).as(String.join("\n", back.verification())).isTrue();
            assertThat(back.verification()).contains("table reviews: created by the run, dropped",
                    "table listings: created by the run, dropped");
            assertThat(created(run.runId())).extracting(CreatedObject::state)
                    .containsOnly(CreatedObject.State.DROPPED);
        }
        assertThat(strings("SELECT tablename FROM pg_tables WHERE schemaname NOT IN"
                + " ('pg_catalog', 'information_schema') ORDER BY 1")).isEqualTo(tablesBefore);
    }

    @Test
    void aTableThatWasThereBeforeStaysWithItsRowsAndOnlyWhatTheRunMadeIsDropped() throws Exception {
        execute("CREATE TABLE hosts_before (listing_id text PRIMARY KEY, name text)",
                "INSERT INTO hosts_before VALUES ('not-from-the-run', 'kept')");
        Plan plan = PlanLoader.parse("""
                name: reviews-under-an-existing-table
                source: { collection: listings, key: _id }
                batch: { size: 6 }
                targets:
                  - table: hosts_before
                    create: true
                    key: listing_id
                    id: { from: _id }
                    fields: { name: { from: name } }
                  - table: review_lines
                    create: true
                    each: reviews
                    parent: hosts_before
                    key: [listing_id, n]
                    fields:
                      stars: { from: rating, required: true }
                      at: { from: date }
                """, "existing.yaml");
        try (SplitEngine ferry = ferry()) {
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(created(run.runId())).extracting(CreatedObject::describe).containsExactly("table review_lines");
            assertThat(columns("review_lines")).containsExactly("listing_id text NO", "n integer NO",
                    "stars integer NO", "at timestamp with time zone YES");
            RollbackReport back = ferry.rollback(plan, null, e -> { });
            assertThat(back.verified()).as(String.join("\n", back.verification())).isTrue();
        }
        assertThat(strings("SELECT to_regclass('review_lines')::text")).containsExactly((String) null);
        assertThat(strings("SELECT listing_id || ':' || name FROM hosts_before"))
                .containsExactly("not-from-the-run:kept");
        execute("DROP TABLE hosts_before");
    }

    @Test
    void aCollectionWithRunbook000sIndexesOneOfWhichExisted() {
        try (MongoClient client = MongoClients.create(demo.mongoUri())) {
            MongoDatabase db = client.getDatabase("shop");
            db.getCollection("listing_hosts").createIndex(new Document("listing_id", 1),
                    new IndexOptions().unique(true).name("listing_id_1"));
            db.getCollection("listing_hosts").drop(); // the collection is missing, then made with the index again
            db.createCollection("scraped_before");
            db.getCollection("scraped_before").createIndex(new Document("host_id", 1));
        }
        Plan plan = PlanLoader.parse("""
                name: listing-hosts
                source: { collection: listings, key: _id }
                targets:
                  - collection: listing_hosts
                    create: true
                    indexes:
                      - { keys: { host_id: 1, scraped: -1 } }
                      - { keys: { listing_id: 1 }, unique: true }
                    id: { from: _id }
                    fields:
                      listing_id: { from: _id }
                      host_id: { from: host.host_id }
                      scraped: { from: last_scraped }
                  - collection: scraped_before
                    create: true
                    indexes: [ { keys: { host_id: 1 } }, { keys: { market: 1 }, name: by_market } ]
                    id: { from: _id }
                    fields: { host_id: { from: host.host_id }, market: { from: address.market } }
                """, "hosts.yaml");
        try (SplitEngine ferry = SplitEngine.connect(demo.mongoUri());
             MongoClient client = MongoClients.create(demo.mongoUri())) {
            MongoDatabase db = client.getDatabase("shop");
            DryRunReport dry = ferry.dryRun(plan, e -> { });
            assertThat(String.join("\n", dry.notes())).contains("collection listing_hosts",
                    "index host_id_1_scraped_-1 on listing_hosts", "index by_market on scraped_before")
                    .doesNotContain("index host_id_1 on scraped_before");
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(indexes(db, "listing_hosts")).containsExactly("_id_", "host_id_1_scraped_-1", "listing_id_1");
            assertThat(created(run.runId())).extracting(CreatedObject::describe).containsExactly(
                    "collection listing_hosts", "index host_id_1_scraped_-1 on listing_hosts",
                    "index listing_id_1 on listing_hosts", "index by_market on scraped_before");
            RollbackReport back = ferry.rollback(plan, null, e -> { });
            assertThat(back.verified()).as(String.join("\n", back.verification())).isTrue();
            assertThat(db.listCollectionNames().into(new ArrayList<>())).doesNotContain("listing_hosts")
                    .contains("scraped_before");
            assertThat(indexes(db, "scraped_before")).containsExactly("_id_", "host_id_1");
            db.getCollection("scraped_before").drop();
        }
    }

    @Test
    void aTableCopiedWithinPostgresTakesItsSourceColumnsTypesAndTheJournalStaysInSchemaFerry() throws Exception {
        Plan plan = PlanLoader.parse("""
                name: product-prices
                source: { table: products, key: product_id }
                batch: { size: 50 }
                targets:
                  - table: product_prices
                    create: true
                    key: product_id
                    indexes: [ { keys: { sku: 1 }, unique: true } ]
                    id: { from: product_id }
                    fields:
                      sku: { from: sku, required: true }
                      unit_price: { from: unit_price }
                      tags: { from: tags }
                      label: { expr: "concat(sku, ' ', name)" }
                """, "prices.yaml");
        try (SplitEngine ferry = SplitEngine.connect(demo.postgresUrl())) {
            assertThat(String.join("\n", ferry.dryRun(plan, e -> { }).notes()))
                    .contains("column sku character varying(20) NOT NULL — source column sku");
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(strings("SELECT attname || ' ' || format_type(atttypid, atttypmod) || ' ' || attnotnull"
                    + " FROM pg_attribute WHERE attrelid = 'product_prices'::regclass AND attnum > 0 ORDER BY attnum"))
                    .containsExactly("product_id integer true", "sku character varying(20) true",
                            "unit_price numeric(10,2) false", "tags text[] false", "label text false");
            assertThat(strings("SELECT count(*) FROM product_prices p JOIN products USING (product_id, sku, unit_price)"
                    + " WHERE p.tags = products.tags")).containsExactly(strings("SELECT count(*) FROM products").get(0));
            assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                    .containsOnly(CheckResult.CheckStatus.PASSED);
            assertThat(ferry.rollback(plan, null, e -> { }).verified()).isTrue();
        }
        assertThat(strings("SELECT to_regclass('product_prices')::text")).containsExactly((String) null);
    }

    @Test
    void aCreationThatFailsIsReportedAndFinishedByTheNextRunOnceFixed() throws Exception {
        Plan plan = PlanLoader.parse("""
                name: listing-codes
                source: { collection: listings, key: _id }
                targets:
                  - table: listing_codes
                    create: true
                    id: { from: _id }
                    fields: { code: { from: address.country_code, type: country_code } }
                """, "codes.yaml");
        try (SplitEngine ferry = ferry().withLeaseTtl(java.time.Duration.ofMillis(300))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ferry.run(plan, new RunControl(), e -> { }))
                    .hasMessageContaining("Could not create the table listing_codes")
                    .hasMessageContaining("type \"country_code\" does not exist");
            String runId = ferry.history(plan.name()).get(0).runId();
            assertThat(created(runId)).extracting(o -> o.describe() + " " + o.state())
                    .containsExactly("table listing_codes CREATING");
            execute("CREATE DOMAIN country_code AS char(2)");
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(run.runId()).isEqualTo(runId);
            assertThat(run.resumed()).isTrue();
            assertThat(created(runId)).extracting(o -> o.describe() + " " + o.state())
                    .containsExactly("table listing_codes CREATED");
            assertThat(ferry.rollback(plan, null, e -> { }).verified()).isTrue();
        }
        assertThat(strings("SELECT to_regclass('listing_codes')::text")).containsExactly((String) null);
        execute("DROP DOMAIN country_code");
    }

    private static List<String> indexes(MongoDatabase db, String collection) {
        return db.getCollection(collection).listIndexes().map(d -> d.getString("name")).into(new ArrayList<>())
                .stream().sorted().toList();
    }

    private static List<CreatedObject> created(String runId) {
        try (MongoStore store = MongoStore.connect(demo.mongoUri())) {
            return new MongoJournal(store).created().of(runId);
        }
    }

    /** {@code name type nullable} for each column, in order. */
    private static List<String> columns(String table) throws Exception {
        return strings("SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns"
                + " WHERE table_name = '" + table + "' ORDER BY ordinal_position");
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

    private static void execute(String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection(demo.postgresUrl()); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.execute(q);
            }
        }
    }
}
