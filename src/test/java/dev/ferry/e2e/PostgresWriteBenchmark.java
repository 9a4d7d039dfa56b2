package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.TestPostgres;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import static com.mongodb.client.model.Sorts.ascending;

/**
 * How fast Ferry writes PostgreSQL tables, against what the same machine does without Ferry, on the same servers in
 * the same run: a MongoDB → PostgreSQL copy (Ferry's run against reading the same documents in keyset batches and
 * COPYing them), and a PostgreSQL → PostgreSQL copy (Ferry's run against the server's own {@code INSERT … SELECT}).
 * Each pair runs in ABBA order (the load of a shared machine changes during a run). Not part of {@code mvn verify}
 * (the class name matches no surefire include): {@code mvn -o test -Dtest=PostgresWriteBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dbench.mongoRows=50000 -Dbench.pgRows=200000}). Prints to
 * standard out and to target/bench/postgres-writes.txt.
 */
public class PostgresWriteBenchmark {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private static final String LISTINGS_DDL = "(id bigint PRIMARY KEY, name text NOT NULL, host_id bigint,"
            + " price numeric(10,2), last_review timestamptz, tags text[], address jsonb, rating double precision)";
    private static final String ORDERS_DDL = "(id bigint PRIMARY KEY, customer_id bigint NOT NULL, status text,"
            + " total numeric(12,2), placed_at timestamptz, items integer, note text)";

    @Test
    void ferryAgainstCopyAndInsertSelect() throws Exception {
        int mongoRows = Integer.getInteger("bench.mongoRows", 50_000);
        int pgRows = Integer.getInteger("bench.pgRows", 200_000);
        String pg = TestPostgres.freshDatabase("write_bench");
        StringBuilder report = new StringBuilder("PostgreSQL target writes (embedded PostgreSQL 15 and in-process MongoDB,"
                + " same servers, same run, ABBA order)\n");
        try (InProcessMongo mongo = new InProcessMongo()) {
            seedListings(mongo.database("bench").getCollection("listings"), mongoRows);
            double copy1 = bareCopy(mongo, pg);
            double ferry1 = ferryMongoToPostgres(mongo, pg, mongoRows);
            double ferry2 = ferryMongoToPostgres(mongo, pg, mongoRows);
            double copy2 = bareCopy(mongo, pg);
            report.append(line("MongoDB → PostgreSQL", mongoRows, "read + COPY", copy1, copy2, ferry1, ferry2));

            seedOrders(pg, pgRows);
            double insert1 = insertSelect(pg);
            double ferry3 = ferryPostgresToPostgres(mongo, pg, pgRows);
            double ferry4 = ferryPostgresToPostgres(mongo, pg, pgRows);
            double insert2 = insertSelect(pg);
            report.append(line("PostgreSQL → PostgreSQL", pgRows, "INSERT … SELECT", insert1, insert2, ferry3, ferry4));
        }
        System.out.print(report);
        Path out = Path.of("target", "bench", "postgres-writes.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static String line(String what, int rows, String baseline, double b1, double b2, double f1, double f2) {
        double b = (b1 + b2) / 2;
        double f = (f1 + f2) / 2;
        return String.format("""
                  %s, %,d rows:
                    %-16s %6.2f s (%.2f and %.2f)  %,9.0f rows/s
                    Ferry run        %6.2f s (%.2f and %.2f)  %,9.0f rows/s
                    ratio time(%s)/time(Ferry) %.2f
                """, what, rows, baseline, b, b1, b2, rows / b, f, f1, f2, rows / f, baseline, b / f);
    }

    /** Listings as an export has them: money as decimals, dates, tags, an address sub-document, some nulls. */
    private static void seedListings(MongoCollection<Document> listings, int n) {
        SplittableRandom random = new SplittableRandom(42);
        List<Document> batch = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            batch.add(new Document("_id", (long) i).append("name", "Listing " + i + " near the river")
                    .append("host_id", (long) random.nextInt(1, 5_000))
                    .append("price", new Decimal128(BigDecimal.valueOf(random.nextInt(2_000, 90_000), 2)))
                    .append("last_review", i % 7 == 0 ? null : new Date(1_500_000_000_000L + random.nextInt(0, 1 << 30) * 100L))
                    .append("tags", List.of("wifi", "tag" + (i % 13)))
                    .append("address", new Document("street", i + " Rua Nova").append("city", "Porto").append("zip", "4000-" + (i % 999)))
                    .append("rating", random.nextInt(0, 50) / 10.0));
            if (batch.size() == 5_000) {
                listings.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            listings.insertMany(batch);
        }
    }

    private static void seedOrders(String pg, int n) throws SQLException {
        sql(pg, "DROP TABLE IF EXISTS orders_src; CREATE TABLE orders_src " + ORDERS_DDL + ";"
                + " INSERT INTO orders_src SELECT g, 1 + g % 9973, (ARRAY['new','paid','shipped','returned'])[1 + g % 4],"
                + " round((random() * 900 + 10)::numeric, 2), timestamptz '2020-01-01' + g * interval '37 seconds',"
                + " 1 + g % 7, CASE WHEN g % 5 = 0 THEN NULL ELSE 'note ' || g END FROM generate_series(1, " + n + ") g;"
                + " ANALYZE orders_src");
    }

    private static double ferryMongoToPostgres(InProcessMongo mongo, String pg, int rows) throws Exception {
        String table = "listings_ferry";
        sql(pg, "DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " " + LISTINGS_DDL);
        String plan = """
                name: bench-listings-%d
                source: { collection: listings, key: _id }
                batch: { size: 1000 }
                targets:
                  - table: public.%s
                    id: { from: _id }
                    fields:
                      name: { from: name }
                      host_id: { from: host_id }
                      price: { from: price }
                      last_review: { from: last_review }
                      tags: { from: tags }
                      address: { from: address }
                      rating: { from: rating }
                validation: [ count: {} ]
                """.formatted(RUNS.incrementAndGet(), table);
        double seconds = run(SplitEngine.connect(mongo.uri("bench")).withTarget(pg), plan);
        assertThat(count(pg, table)).isEqualTo(rows);
        return seconds;
    }

    private static double ferryPostgresToPostgres(InProcessMongo mongo, String pg, int rows) throws Exception {
        String table = "orders_ferry";
        sql(pg, "DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " " + ORDERS_DDL);
        String plan = """
                name: bench-orders-%d
                source: { table: public.orders_src, key: id }
                batch: { size: 1000 }
                targets:
                  - table: public.%s
                    id: { from: id }
                    fields:
                      customer_id: { from: customer_id }
                      status: { from: status }
                      total: { from: total }
                      placed_at: { from: placed_at }
                      items: { from: items }
                      note: { from: note }
                validation: [ count: {} ]
                """.formatted(RUNS.incrementAndGet(), table);
        double seconds = run(SplitEngine.connect(mongo.uri("journal")).withSource(pg).withTarget(pg), plan);
        assertThat(count(pg, table)).isEqualTo(rows);
        assertThat(scalar(pg, "SELECT count(*) FROM (SELECT * FROM orders_src EXCEPT SELECT * FROM " + table + ") d"))
                .as("the copy equals the source").isZero();
        return seconds;
    }

    private static double run(SplitEngine engine, String planText) {
        try (engine) {
            long t0 = System.nanoTime();
            RunReport report = engine.run(PlanLoader.parse(planText, "bench.yaml"), new RunControl(), e -> { });
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(report.state()).as(report.message()).isEqualTo(RunState.COMPLETED);
            return seconds;
        }
    }

    /** What the job takes without Ferry: the documents read from MongoDB in key order, each 1,000 COPYed into the table. */
    private static double bareCopy(InProcessMongo mongo, String pg) throws Exception {
        String table = "listings_copy";
        sql(pg, "DROP TABLE IF EXISTS " + table + "; CREATE TABLE " + table + " " + LISTINGS_DDL);
        MongoCollection<Document> listings = mongo.database("bench").getCollection("listings");
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(pg)) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            // one sorted cursor read a batch at a time, as Ferry's reader does
            try (MongoCursor<Document> cursor = listings.find().sort(ascending("_id")).batchSize(1000).iterator()) {
                List<Document> batch = new ArrayList<>(1000);
                while (cursor.hasNext()) {
                    batch.add(cursor.next());
                    if (batch.size() == 1000 || !cursor.hasNext()) {
                        copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(copyText(batch)));
                        batch.clear();
                    }
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String copyText(List<Document> batch) {
        StringBuilder text = new StringBuilder();
        for (Document d : batch) {
            text.append(d.get("_id")).append('\t').append(d.getString("name")).append('\t').append(d.get("host_id"))
                    .append('\t').append(((Decimal128) d.get("price")).bigDecimalValue().toPlainString()).append('\t')
                    .append(d.get("last_review") == null ? "\\N" : ((Date) d.get("last_review")).toInstant())
                    .append('\t').append("{").append(String.join(",", d.getList("tags", String.class))).append("}")
                    .append('\t').append(d.get("address", Document.class).toJson()).append('\t')
                    .append(d.get("rating")).append('\n');
        }
        return text.toString();
    }

    private static double insertSelect(String pg) throws SQLException {
        sql(pg, "DROP TABLE IF EXISTS orders_copy; CREATE TABLE orders_copy " + ORDERS_DDL);
        long t0 = System.nanoTime();
        sql(pg, "INSERT INTO orders_copy SELECT * FROM orders_src");
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long count(String pg, String table) throws SQLException {
        return scalar(pg, "SELECT count(*) FROM " + table);
    }

    private static long scalar(String pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void sql(String pg, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
