package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.postgres.SchemasBesidePublic;
import dev.ferry.profile.ConnectionProfile;
import dev.ferry.profile.ConnectionProfiles;
import dev.ferry.testing.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --profile NAME}: a connection saved on the console's Connections screen, used by the CLI on a real
 * PostgreSQL; its password comes from {@code $FERRY_PASSWORD} or is typed, and is never printed.
 */
class ProfileOptionTest {

    @TempDir
    Path home;
    private String database;

    @BeforeEach
    void saveProfiles() throws Exception {
        System.setProperty("ferry.home", home.toString());
        String url = TestPostgres.freshDatabase("profile_cli");
        SchemasBesidePublic.create(url);
        database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        ConnectionProfiles.inFerryHome().save(List.of(
                ConnectionProfile.postgres("local pg", "localhost", TestPostgres.port(), database, "postgres"),
                ConnectionProfile.mongo("nowhere", "mongodb://127.0.0.1:1/app")));
    }

    @AfterEach
    void forgetHome() {
        System.clearProperty("ferry.home");
    }

    @Test
    void aSavedProfileConnectsWithThePasswordFromTheEnvironmentAndNeverPrintsIt() {
        CliHarness.Result r = new CliHarness(Map.of("FERRY_PASSWORD", "s3cret-Pw"), false, "")
                .execute("assess", "--profile", "local pg");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Database " + database, "crm.contacts");
        assertThat(r.out() + r.err()).doesNotContain("s3cret-Pw");
    }

    @Test
    void atATerminalThePasswordIsAskedFor() {
        CliHarness.Result r = new CliHarness(Map.of(), true, "typed-Pw\n").execute("assess", "--profile", "local pg");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("Password for postgresql://postgres@localhost:" + TestPostgres.port() + "/"
                + database);
        assertThat(r.out() + r.err()).doesNotContain("typed-Pw");
    }

    @Test
    void anUnknownProfileNamesTheSavedOnesAndBothOptionsAreRefused() {
        CliHarness.Result unknown = CliHarness.run("assess", "--profile", "prod");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("No saved connection named \"prod\" in " + home.resolve("profiles.json"),
                "Saved: local pg, nowhere.").doesNotContain("\tat ");

        CliHarness.Result both = CliHarness.run("assess", "--profile", "local pg", "--uri", "mongodb://x/y");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("Give --uri or --profile, not both.");
    }
}
