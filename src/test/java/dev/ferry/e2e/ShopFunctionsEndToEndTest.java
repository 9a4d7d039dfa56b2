package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.demo.ShopDemo;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The function library on the shop demo's listings, through whole runs: dates stored as text become dates, a map
 * keyed by ids becomes an array, reviews are filtered and reshaped, strings become objects, money stays decimal —
 * into MongoDB and into a PostgreSQL table owned by the shop's owner; validation passes, rollback restores.
 */
class ShopFunctionsEndToEndTest {
    private static ShopDemo demo;

    private static final String TO_MONGO = """
            name: listings-clean
            source: { collection: listings, key: _id }
            batch: { size: 20 }
            targets:
              - collection: listings_clean
                id: { from: _id }
                fields:
                  scraped: { expr: "parse_date(last_scraped, 'yyyy-MM-dd HH:mm:ss.SSSSSSSSS')" }
                  calendar: { from: calendar_last_scraped, convert: { to: date, pattern: 'yyyy-MM-dd', zone: UTC } }
                  host_since_year: { expr: "substring(host.host_since, 0, 4)", convert: int }
                  min_nights: { from: minimum_nights, convert: int }
                  nightly_with_fee: { expr: "price + (cleaning_fee == null ? 0 : cleaning_fee)" }
                  photos: { expr: "to_entries(photos)" }
                  amenities: { each: amenities, fields: { code: { expr: "lower(replace(value, ' ', '_'))" },
                               label: { from: value }, position: { index: 1 } } }
                  good_reviews: { each: reviews, filter: "rating >= 4 && comments != null",
                                  fields: { review_id: { from: _id }, day: { expr: "format_date(date, 'yyyy-MM-dd')" },
                                            stars: { from: rating } } }
                  market: { expr: "upper(address.market)" }
            """;

    private static final String TO_POSTGRES = """
            name: listing-prices
            source: { collection: listings, key: _id }
            batch: { size: 25 }
            targets:
              - table: public.listing_prices
                id: { from: _id }
                fields:
                  name: { expr: "trim(name)" }
                  nightly: { from: price }
                  with_fee: { expr: "round(price + (cleaning_fee == null ? 0 : cleaning_fee) * 1.5, 2)" }
                  scraped: { expr: "parse_date(last_scraped, 'yyyy-MM-dd HH:mm:ss.SSSSSSSSS', 'Europe/Lisbon')" }
                  review_ids: { expr: "join(filter(reviews, 'rating == 5'), ',')", when: "false" }
                  reviews: { expr: "size(reviews)" }
            """;

    @BeforeAll
    static void start() {
        demo = ShopDemo.start(0, 0, 160, 42);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void listingsReshapedIntoMongoValidateAndRollBack() {
        Plan plan = PlanLoader.parse(TO_MONGO, "listings-clean.yaml");
        try (SplitEngine ferry = SplitEngine.connect(demo.mongoUri())) {
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(run.quarantined()).isZero();
            assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                    .containsOnly(CheckResult.CheckStatus.PASSED);
            try (MongoClient client = MongoClients.create(demo.mongoUri())) {
                MongoDatabase db = client.getDatabase("shop");
                List<Document> clean = db.getCollection("listings_clean").find().into(new ArrayList<>());
                assertThat(clean).hasSize(80).allSatisfy(d -> {
                    assertThat(d.get("scraped")).isInstanceOf(Date.class);
                    assertThat(d.get("calendar")).isInstanceOf(Date.class);
                    assertThat(d.get("nightly_with_fee")).isInstanceOf(Decimal128.class);
                    assertThat(d.getInteger("host_since_year")).isBetween(2009, 2017);
                    assertThat(d.getList("amenities", Document.class)).allSatisfy(a -> assertThat(a.getString("code"))
                            .matches("[a-z_]+"));
                });
                Document source = db.getCollection("listings").find().first();
                Document target = db.getCollection("listings_clean").find(new Document("_id", source.get("_id"))).first();
                BigDecimal fee = source.get("cleaning_fee") == null ? BigDecimal.ZERO
                        : ((Decimal128) source.get("cleaning_fee")).bigDecimalValue();
                assertThat(((Decimal128) target.get("nightly_with_fee")).bigDecimalValue())
                        .isEqualByComparingTo(((Decimal128) source.get("price")).bigDecimalValue().add(fee));
                assertThat(target.getList("photos", Document.class)).extracting(p -> p.get("key"))
                        .containsExactlyElementsOf(source.get("photos", Document.class).keySet());
                long kept = source.getList("reviews", Document.class).stream()
                        .filter(r -> r.getInteger("rating") >= 4 && r.get("comments") != null).count();
                assertThat(target.getList("good_reviews", Document.class)).hasSize((int) kept);
            }
            RollbackReport rollback = ferry.rollback(plan, null, e -> { });
            assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        }
    }

    @Test
    void listingPricesIntoATableOwnedByTheShopKeepEveryCent() throws Exception {
        try (Connection c = DriverManager.getConnection(demo.postgresUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE listing_prices (id text PRIMARY KEY, name text NOT NULL, nightly numeric(10,2),"
                    + " with_fee numeric(10,2), scraped timestamptz, review_ids text, reviews integer)");
        }
        Plan plan = PlanLoader.parse(TO_POSTGRES, "listing-prices.yaml");
        try (SplitEngine ferry = SplitEngine.connect(demo.mongoUri()).withTarget(demo.postgresUrl())) {
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                    .containsOnly(CheckResult.CheckStatus.PASSED);
            BigDecimal expected = BigDecimal.ZERO;
            try (MongoClient client = MongoClients.create(demo.mongoUri())) {
                for (Document l : client.getDatabase("shop").getCollection("listings").find()) {
                    BigDecimal fee = l.get("cleaning_fee") == null ? BigDecimal.ZERO
                            : ((Decimal128) l.get("cleaning_fee")).bigDecimalValue();
                    expected = expected.add(((Decimal128) l.get("price")).bigDecimalValue()
                            .add(fee.multiply(new BigDecimal("1.5"))).setScale(2, java.math.RoundingMode.HALF_UP));
                }
            }
            try (Connection c = DriverManager.getConnection(demo.postgresUrl()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT sum(with_fee), count(*), count(review_ids),"
                         + " min(to_char(scraped AT TIME ZONE 'UTC', 'HH24:MI')) FROM listing_prices")) {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualByComparingTo(expected);
                assertThat(rs.getLong(2)).isEqualTo(80);
                assertThat(rs.getLong(3)).as("left out by when: false").isZero();
                assertThat(rs.getString(4)).as("05:00 in Lisbon in February is 05:00 UTC").isEqualTo("05:00");
            }
            RollbackReport rollback = ferry.rollback(plan, null, e -> { });
            assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        }
        try (Connection c = DriverManager.getConnection(demo.postgresUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM listing_prices")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
