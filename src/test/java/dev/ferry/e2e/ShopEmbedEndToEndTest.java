package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.demo.ShopDemo;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import java.math.BigDecimal;
import java.nio.file.Path;
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
 * Embedding on the shop demo, PostgreSQL → MongoDB: {@code plans/shop-customers-embed.yaml} gives each customer its
 * orders and each order its items (joined by the catalog's foreign keys), money as Decimal128 and times as dates; the
 * related rows are read once per relation per batch, never per customer; validation covers the embedded content and
 * names a customer whose embedded item was changed; rollback restores. A many-to-one embed gives each order its
 * customer's summary.
 */
class ShopEmbedEndToEndTest {
    private static final int CUSTOMERS = 120;
    private static ShopDemo demo;

    @BeforeAll
    static void start() {
        demo = ShopDemo.start(0, 0, CUSTOMERS, 42);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    private static SplitEngine ferry() {
        return SplitEngine.connect(demo.mongoUri()).withSource(demo.postgresUrl());
    }

    @Test
    void customersWithTheirOrdersAndItems() throws Exception {
        Plan plan = PlanLoader.load(Path.of("plans/shop-customers-embed.yaml")).withBatchSize(25);
        long scansBefore = scans();
        try (SplitEngine ferry = ferry()) {
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(run.quarantined()).isZero();
            assertThat(run.processed()).isEqualTo(CUSTOMERS);
        }
        long statements = scans() - scansBefore;
        // 5 batches of 25 customers: one query per relation per batch, besides the source's pages, counts, key checks
        // and each connection's catalog reads (85 here) — read per customer and per order it would be at least one
        // statement per customer and one per order, about 700
        assertThat(statements).as("statements the run made on the shop database").isLessThan(count("orders") / 2);
        try (MongoClient client = MongoClients.create(demo.mongoUri())) {
            MongoCollection<Document> customers = client.getDatabase("shop").getCollection("customers");
            assertThat(customers.countDocuments()).isEqualTo(CUSTOMERS);
            long orders = 0;
            long items = 0;
            for (Document c : customers.find()) {
                List<Document> os = c.getList("orders", Document.class);
                Date previous = new Date(0);
                for (Document o : os) {
                    assertThat(o.getDate("ordered_at")).isAfterOrEqualTo(previous);
                    previous = o.getDate("ordered_at");
                    assertThat(o.get("shipping_fee")).isInstanceOf(Decimal128.class);
                    List<Document> is = o.getList("items", Document.class);
                    assertThat(is).extracting(i -> i.getInteger("line")).isSorted();
                    is.forEach(i -> {
                        assertThat(i.get("unit_price")).isInstanceOf(Decimal128.class);
                        assertThat(i.get("total")).isInstanceOf(Decimal128.class);
                    });
                    items += is.size();
                }
                orders += os.size();
            }
            assertThat(orders).isEqualTo(count("orders"));
            assertThat(items).isEqualTo(count("order_items"));
            Document one = customers.find(new Document("_id", 7)).first();
            Document line = one.getList("orders", Document.class).get(0).getList("items", Document.class).get(0);
            BigDecimal expected = scalar("SELECT round(unit_price * quantity * (1 - discount), 2) FROM order_items"
                    + " WHERE item_id = " + line.get("item_id"));
            assertThat(((Decimal128) line.get("total")).bigDecimalValue()).isEqualByComparingTo(expected);

            try (SplitEngine ferry = ferry()) {
                ValidationReport report = ferry.validate(plan);
                assertThat(report.checks()).extracting(CheckResult::status).as(report.toString())
                        .containsOnly(CheckResult.CheckStatus.PASSED);
                customers.updateOne(new Document("_id", 7), new Document("$set",
                        new Document("orders.0.items.0.quantity", 999)));
                ValidationReport broken = ferry.validate(plan);
                CheckResult checksum = broken.checks().stream().filter(c -> c.method().equals("checksum"))
                        .findFirst().orElseThrow();
                assertThat(checksum.status()).isEqualTo(CheckResult.CheckStatus.FAILED);
                assertThat(checksum.failingKeys()).containsExactly("7");
                assertThat(String.join("\n", checksum.evidence())).contains("7 → customers: orders.0.items.0.quantity: expected int "
                        + line.get("quantity") + ", stored int 999");
                customers.updateOne(new Document("_id", 7), new Document("$set",
                        new Document("orders.0.items.0.quantity", line.get("quantity"))));
                RollbackReport rollback = ferry.rollback(plan, null, e -> { });
                assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
                assertThat(customers.countDocuments()).isZero();
            }
        }
    }

    @Test
    void eachOrderWithItsCustomersSummary() {
        Plan plan = PlanLoader.parse("""
                name: orders-with-customer
                source: { table: orders, key: order_id }
                batch: { size: 100 }
                targets:
                  - collection: orders
                    id: { from: order_id }
                    fields:
                      status: { from: status }
                      customer:
                        embed_one: customers        # many-to-one: orders.customer_id → customers
                        fields:
                          id: { from: customer_id }
                          name: { expr: "concat(first_name, ' ', last_name)" }
                          country: { from: country }
                """, "orders-with-customer.yaml");
        try (SplitEngine ferry = ferry(); MongoClient client = MongoClients.create(demo.mongoUri())) {
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            MongoCollection<Document> orders = client.getDatabase("shop").getCollection("orders");
            assertThat(orders.countDocuments()).isEqualTo(count("orders"));
            for (Document o : orders.find().limit(50)) {
                Document customer = o.get("customer", Document.class);
                assertThat(customer.getString("name")).isNotBlank();
                assertThat(customer.getString("country")).hasSize(2);
            }
            assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                    .containsOnly(CheckResult.CheckStatus.PASSED);
            assertThat(ferry.rollback(plan, null, e -> { }).verified()).isTrue();
        }
    }

    private static long count(String table) {
        return scalar("SELECT count(*) FROM " + table).longValue();
    }

    /**
     * Transactions committed on the shop database so far, as the server's statistics count them: every statement of the
     * run's read-only, auto-commit connections is one (this query's own session adds one each time).
     */
    private static long scans() throws Exception {
        Thread.sleep(1500); // statistics reach the shared counters within about a second of a session going idle
        return scalar("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()").longValue();
    }

    private static BigDecimal scalar(String sql) {
        try (Connection c = DriverManager.getConnection(demo.postgresUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
