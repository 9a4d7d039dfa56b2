package dev.ferry.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.ferry.demo.DemoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The console's demo database in a JVM of its own (the console's default; the other tests keep it in-process):
 * it starts seeded, the session connects to it, and it is gone when the console closes.
 */
class DemoServerTest {

    @Test
    void theDemoDatabaseRunsInItsOwnProcessAndEndsWithTheConsole() throws Exception {
        Session session = new Session();
        ImmediateTaskExecutor executor = new ImmediateTaskExecutor();
        ConnectionService connections = new ConnectionService(executor, session, "child");
        String[] failure = {"pending"};
        connections.startDemo(700, f -> failure[0] = f);
        assertThat(failure[0]).isNull();
        assertThat(session.connectionProperty().get()).isEqualTo(ConnectionStatus.CONNECTED);
        String uri = connections.demoUri();
        try (MongoClient client = MongoClients.create(uri)) {
            assertThat(client.getDatabase(DemoDatabase.DATABASE).getCollection(DemoDatabase.COLLECTION)
                    .countDocuments()).isEqualTo(700);
        }
        long children = ProcessHandle.current().children().count();
        assertThat(children).as("the demo database's JVM").isGreaterThanOrEqualTo(1);

        connections.close();
        executor.close();
        assertThat(ProcessHandle.current().children().count()).as("the demo's JVM ended").isEqualTo(children - 1);
        try (MongoClient client = MongoClients.create(uri + (uri.contains("?") ? "&" : "?")
                + "serverSelectionTimeoutMS=1000")) {
            assertThatThrownBy(() -> client.getDatabase("admin").runCommand(new Document("ping", 1)))
                    .isInstanceOf(com.mongodb.MongoTimeoutException.class);
        }
    }

    @Test
    void theShopDemoOffersBothDatabasesAndItsPostgresStopsWithTheConsole() throws Exception {
        Session session = new Session();
        ImmediateTaskExecutor executor = new ImmediateTaskExecutor();
        ConnectionService connections = new ConnectionService(executor, session, "child");
        ConnectionService.DemoAddresses[] started = {null};
        String[] failure = {"pending"};
        connections.startShopDemo(100, (addresses, reason) -> {
            started[0] = addresses;
            failure[0] = reason;
        });
        assertThat(failure[0]).isNull();
        ConnectionService.DemoAddresses addresses = started[0];
        try (MongoClient client = MongoClients.create(addresses.mongoUri())) {
            assertThat(client.getDatabase("shop").getCollection("listings").countDocuments()).isEqualTo(50);
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(addresses.postgresUrl());
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM customers")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(100);
        }
        // the operator connects to either, as to any database
        String[] connected = {"pending"};
        connections.connect(addresses.postgresUrl(), f -> connected[0] = f);
        assertThat(connected[0]).isNull();
        assertThat(session.connectionProperty().get()).isEqualTo(ConnectionStatus.CONNECTED);

        connections.close();
        executor.close();
        // no PostgreSQL server is left behind: its port refuses connections
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(addresses.postgresUrl() + "&connectTimeout=2"))
                .isInstanceOf(java.sql.SQLException.class);
    }
}
