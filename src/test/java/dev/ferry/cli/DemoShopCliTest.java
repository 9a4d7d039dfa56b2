package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ferry.testing.ChildFerry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry demo --dataset shop} as an operator starts it: it prints both addresses, both answer, and Ctrl-C (a
 * SIGTERM here) stops the PostgreSQL server with it.
 */
class DemoShopCliTest {

    @Test
    void printsBothUrisServesThemAndStopsBothOnCtrlC() throws Exception {
        Path out = Files.createTempFile("ferry-demo-shop", ".out");
        Process demo = ChildFerry.start(List.of(), out, "demo", "--dataset", "shop", "--docs", "120", "--port", "0",
                "--pg-port", "0");
        try {
            String printed = awaitLine(out, demo, "Serving until Ctrl-C.");
            Matcher mongo = Pattern.compile("MongoDB\\s+(mongodb://\\S+)\\s+listings 60").matcher(printed);
            Matcher pg = Pattern.compile("PostgreSQL\\s+(jdbc:postgresql://\\S+)\\s+customers 120, products 24,"
                    + " orders [\\d,]+, order_items [\\d,]+").matcher(printed);
            assertThat(mongo.find()).as(printed).isTrue();
            assertThat(pg.find()).as(printed).isTrue();
            try (MongoClient client = MongoClients.create(mongo.group(1))) {
                assertThat(client.getDatabase("shop").getCollection("listings").countDocuments()).isEqualTo(60);
            }
            try (Connection c = DriverManager.getConnection(pg.group(1));
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM order_items")) {
                rs.next();
                assertThat(rs.getLong(1)).isPositive();
            }
            CliHarness.Result assess = CliHarness.run("assess", "--uri", pg.group(1));
            assertThat(assess.code()).as(assess.err()).isZero();
            assertThat(assess.out()).contains("customers", "products", "orders", "order_items");
            demo.destroy(); // SIGTERM, as Ctrl-C ends it: the shutdown hook stops both servers
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> DriverManager.getConnection(pg.group(1) + "&connectTimeout=2"))
                    .isInstanceOf(java.sql.SQLException.class);
        } finally {
            demo.destroyForcibly();
        }
    }

    private static String awaitLine(Path out, Process process, String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out);
            if (text.contains(line)) {
                return text;
            }
            if (!process.isAlive()) {
                throw new AssertionError("ferry demo ended (exit " + process.exitValue() + "): " + text);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ferry demo did not start in 2 minutes: " + Files.readString(out));
    }
}
