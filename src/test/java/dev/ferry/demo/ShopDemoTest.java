package dev.ferry.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
 * The shop demo on its own servers: the PostgreSQL schema (keys, foreign keys, numeric money, timestamps, owner,
 * grants, row security) filled consistently, and MongoDB listings with reviews[], a map keyed by ids and dates as
 * text; the same seed gives the same data.
 */
class ShopDemoTest {
    private static ShopDemo demo;

    @BeforeAll
    static void start() {
        demo = ShopDemo.start(0, 0, 200, 42);
    }

    @AfterAll
    static void stop() {
        demo.close();
    }

    @Test
    void printsBothAddressesAndCounts() {
        assertThat(demo.mongoUri()).matches("mongodb://127\\.0\\.0\\.1:\\d+/shop");
        assertThat(demo.postgresUrl()).matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/shop\\?user=shop_owner");
        assertThat(demo.counts()).containsEntry("customers", 200L).containsEntry("products", 40L)
                .containsEntry("listings", 100L);
        assertThat(demo.counts().get("orders")).isBetween(600L, 1_200L);
        assertThat(demo.counts().get("order_items")).isGreaterThan(demo.counts().get("orders"));
    }

    @Test
    void theSchemaIsAShopsWithKeysMoneyTimesAndAnOwnerThatIsNotTheSuperuser() throws Exception {
        try (Connection c = DriverManager.getConnection(demo.postgresUrl()); Statement s = c.createStatement()) {
            assertThat(strings(s, "SELECT conrelid::regclass || ' → ' || confrelid::regclass FROM pg_constraint"
                    + " WHERE contype = 'f' ORDER BY 1")).containsExactly("order_items → orders",
                    "order_items → products", "orders → customers");
            assertThat(strings(s, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid ="
                    + " 'order_items'::regclass AND attname IN ('unit_price', 'discount') ORDER BY attname"))
                    .containsExactly("numeric(4,3)", "numeric(10,2)");
            assertThat(strings(s, "SELECT string_agg(a.attname, ',' ORDER BY k.n) FROM pg_index i, unnest(i.indkey)"
                    + " WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = 'order_items'::regclass AND"
                    + " a.attnum = k.attnum WHERE i.indrelid = 'order_items'::regclass AND i.indisprimary"))
                    .containsExactly("order_id,line_no");
            assertThat(strings(s, "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"))
                    .containsExactly("shop_owner");
            assertThat(strings(s, "SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user")).containsExactly("false");
            assertThat(strings(s, "SELECT relrowsecurity::text FROM pg_class WHERE relname = 'orders'")).containsExactly("true");
            assertThat(strings(s, "SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee ="
                    + " 'shop_app' AND table_name = 'orders' ORDER BY 1")).containsExactly("INSERT", "SELECT", "UPDATE");
            // consistent data: every order's customer exists, items carry money with cents and orders microseconds
            assertThat(strings(s, "SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id) WHERE"
                    + " c.customer_id IS NULL")).containsExactly("0");
            assertThat(strings(s, "SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE"
                    + " o.customer_id = c.customer_id)")).allSatisfy(n -> assertThat(Integer.parseInt(n)).isPositive());
            assertThat(strings(s, "SELECT count(*) FROM orders WHERE extract(microseconds FROM ordered_at)::bigint"
                    + " % 1000 <> 0")).allSatisfy(n -> assertThat(Integer.parseInt(n)).isPositive());
            assertThat(strings(s, "SELECT count(*) FROM orders WHERE notes LIKE '%' || chr(10) || '%' OR notes LIKE"
                    + " '%\"%'")).allSatisfy(n -> assertThat(Integer.parseInt(n)).isPositive());
            assertThat(strings(s, "SELECT count(*) FROM customers WHERE last_name LIKE '%''%' OR first_name ~ '[^ -~]'"))
                    .allSatisfy(n -> assertThat(Integer.parseInt(n)).isPositive());
        }
    }

    @Test
    void listingsHaveReviewsAMapKeyedByIdsAndDatesAsText() {
        try (MongoClient client = MongoClients.create(demo.mongoUri())) {
            List<Document> listings = client.getDatabase("shop").getCollection("listings").find()
                    .into(new ArrayList<>());
            assertThat(listings).hasSize(100);
            assertThat(listings).allSatisfy(l -> {
                assertThat(l.getString("last_scraped")).matches("\\d{4}-\\d{2}-\\d{2} 05:00:00\\.000000000");
                assertThat(l.getString("calendar_last_scraped")).matches("\\d{4}-\\d{2}-\\d{2}");
                assertThat(l.get("price")).isInstanceOf(Decimal128.class);
                assertThat(l.get("minimum_nights")).isInstanceOf(String.class);
                assertThat(l.get("photos")).isInstanceOf(Document.class);
                assertThat(l.getList("reviews", Document.class)).hasSize(l.getInteger("number_of_reviews"))
                        .allSatisfy(r -> assertThat(r.get("date")).isInstanceOf(Date.class));
            });
            assertThat(listings).anySatisfy(l -> assertThat(l.getList("reviews", Document.class)).isEmpty());
            assertThat(listings).anySatisfy(l -> assertThat(l.get("photos", Document.class).keySet())
                    .isNotEmpty().allSatisfy(k -> assertThat(k).matches("p\\d+-\\d")));
            assertThat(listings).anySatisfy(l -> assertThat(l).doesNotContainKey("cleaning_fee"));
        }
    }

    @Test
    void theSameSeedGivesTheSameData() {
        assertThat(new ListingsGenerator(42).documents(0, 20)).isEqualTo(new ListingsGenerator(42).documents(0, 20));
        assertThat(new ListingsGenerator(7).documents(0, 20)).isNotEqualTo(new ListingsGenerator(42).documents(0, 20));
        StringBuilder a = new StringBuilder();
        StringBuilder b = new StringBuilder();
        new ShopRows(42).orders(ShopRows.Sizes.forCustomers(50), a::append, a::append);
        new ShopRows(42).orders(ShopRows.Sizes.forCustomers(50), b::append, b::append);
        assertThat(a.toString()).isEqualTo(b.toString()).isNotEmpty();
    }

    private static List<String> strings(Statement s, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
