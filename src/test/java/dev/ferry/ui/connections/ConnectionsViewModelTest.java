package dev.ferry.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.profile.ConnectionProfile;
import dev.ferry.profile.ConnectionProfiles;
import dev.ferry.service.ConnectionService;
import dev.ferry.service.ConnectionStatus;
import dev.ferry.service.ImmediateTaskExecutor;
import dev.ferry.service.Session;
import dev.ferry.service.Tone;
import dev.ferry.testing.InProcessMongo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionsViewModelTest {

    @Test
    void savesProfilesWithoutPasswordsTestsAndConnects(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profiles.json");
        Session session = new Session();
        try (InProcessMongo mongo = new InProcessMongo();
                ConnectionService service = new ConnectionService(new ImmediateTaskExecutor(), session)) {
            ConnectionsViewModel model = new ConnectionsViewModel(session, service, new ConnectionProfiles(file));
            assertThat(model.profiles()).extracting(ProfileRow::name).containsExactly(ProfileRow.DEMO, ProfileRow.SHOP_DEMO);

            model.newProfile();
            model.nameProperty().set("staging");
            String base = mongo.connectionString().replace("mongodb://", "");
            model.uriProperty().set("mongodb://ops:s3cr%40t@" + base + "/narrative_modeling");
            model.save();

            assertThat(Files.readString(file)).contains("staging").contains("ops@").doesNotContain("s3cr");
            assertThat(model.uriProperty().get()).doesNotContain("s3cr");
            assertThat(model.passwordProperty().get()).isEqualTo("s3cr@t"); // kept for this session, in the form only
            assertThat(model.profiles()).extracting(ProfileRow::name).containsExactly(ProfileRow.DEMO, ProfileRow.SHOP_DEMO,
                    "staging");

            // the in-process server has no users: connect as nobody
            model.uriProperty().set(mongo.uri("narrative_modeling"));
            model.save();
            model.test();
            assertThat(model.resultToneProperty().get()).isEqualTo(Tone.OK);
            assertThat(model.selectedProperty().get().status()).isEqualTo("works");

            model.connect();
            assertThat(session.connectionProperty().get()).isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(session.connectionLabelProperty().get()).doesNotContain("s3cr");

            ConnectionsViewModel reopened = new ConnectionsViewModel(session, service, new ConnectionProfiles(file));
            assertThat(reopened.profiles()).extracting(ProfileRow::name).containsExactly(ProfileRow.DEMO, ProfileRow.SHOP_DEMO,
                    "staging");
            reopened.selectedProperty().set(reopened.profiles().get(2));
            reopened.delete();
            assertThat(Files.readString(file)).doesNotContain("staging");
            session.engine().close();
        }
    }

    @Test
    void anUnreachableServerIsAFailedProfileWithItsReason(@TempDir Path dir) {
        Session session = new Session();
        try (ConnectionService service = new ConnectionService(new ImmediateTaskExecutor(), session)) {
            ConnectionsViewModel model = new ConnectionsViewModel(session, service,
                    new ConnectionProfiles(dir.resolve("p.json")));
            model.newProfile();
            model.nameProperty().set("nowhere");
            model.uriProperty().set("mongodb://127.0.0.1:1/db");
            model.save();
            model.test();
            assertThat(model.resultToneProperty().get()).isEqualTo(Tone.FAIL);
            assertThat(model.resultProperty().get()).contains("Cannot reach MongoDB at 127.0.0.1:1")
                    .doesNotContain("Exception");
            assertThat(model.selectedProperty().get().status()).isEqualTo("failed");
            assertThat(model.selectedProperty().get().reason()).contains("Cannot reach MongoDB");

            model.uriProperty().set("http://example.com");
            model.test();
            assertThat(model.resultProperty().get()).contains("starts with mongodb://");
        }
    }

    @Test
    void postgresProfilesNeedHostDatabaseAndUserAndJoinThePasswordOnlyInMemory(@TempDir Path dir) throws Exception {
        Session session = new Session();
        try (ConnectionService service = new ConnectionService(new ImmediateTaskExecutor(), session)) {
            ConnectionsViewModel model = new ConnectionsViewModel(session, service,
                    new ConnectionProfiles(dir.resolve("p.json")));
            model.newProfile();
            model.kindProperty().set(ConnectionProfile.Kind.POSTGRESQL);
            model.nameProperty().set("journal");
            model.databaseProperty().set("");
            model.save();
            assertThat(model.resultProperty().get()).isEqualTo("PostgreSQL needs a host, a database and a user.");
            model.databaseProperty().set("journal");
            model.userProperty().set("app");
            model.passwordProperty().set("p&ss word");
            model.save();
            assertThat(Files.readString(dir.resolve("p.json"))).doesNotContain("p&ss");
            ConnectionProfile saved = model.selectedProperty().get().profile();
            assertThat(saved.address("p&ss word"))
                    .isEqualTo("jdbc:postgresql://localhost:5432/journal?user=app&password=p%26ss%20word");
            assertThat(saved.display()).isEqualTo("postgresql://app@localhost:5432/journal");
        }
    }

    @Test
    void theShopDemoConnectsBothDatabasesSoACrossStorePlanRunsFromTheConsole(@TempDir Path dir) {
        Session session = new Session();
        try (ConnectionService service = new ConnectionService(new ImmediateTaskExecutor(), session, "in-process")) {
            ConnectionsViewModel model = new ConnectionsViewModel(session, service,
                    new ConnectionProfiles(dir.resolve("p.json")));
            model.selectedProperty().set(model.profiles().get(1));
            assertThat(model.selectedProperty().get().display()).contains("PostgreSQL").contains("MongoDB");
            model.connect();
            assertThat(session.connectionProperty().get()).as(model.resultProperty().get())
                    .isEqualTo(ConnectionStatus.CONNECTED);
            assertThat(session.connectionLabelProperty().get()).startsWith("jdbc:postgresql://")
                    .contains(" + mongodb://");
            assertThat(model.selectedProperty().get().tone()).isEqualTo(Tone.OK);
            assertThat(model.uriProperty().get()).isEqualTo(session.connectionLabelProperty().get());

            // a PostgreSQL table into a MongoDB collection: both databases are reachable from the one connection
            dev.ferry.plan.Plan plan = dev.ferry.plan.PlanLoader.parse("""
                    name: customers-to-mongo
                    source: { table: public.customers, key: customer_id }
                    batch: { size: 200 }
                    targets:
                      - collection: customers
                        id: { from: customer_id }
                        fields:
                          email: { from: email }
                          country: { from: country }
                    """, "customers-to-mongo.yaml");
            var report = session.engine().dryRun(plan,
                    dev.ferry.engine.RunListener.NONE);
            assertThat(report.sourceRecords()).isEqualTo(dev.ferry.demo.ShopDemo.DEFAULT_CUSTOMERS);
            session.engine().close();
        }
    }
}
