package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import dev.ferry.testing.TestPostgres;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresStoreTest {

    @Test
    void connectsAndQuotesAwkwardNames() throws Exception {
        try (PostgresStore store = PostgresStore.connect(TestPostgres.freshDatabase("store"));
                Statement s = store.connection().createStatement()) {
            String table = SqlNames.quote("Order \"items\"");
            s.execute("CREATE TABLE " + table + " (" + SqlNames.quote("select") + " int)");
            s.execute("INSERT INTO " + table + " VALUES (1)");
            ResultSet rs = s.executeQuery("SELECT " + SqlNames.quote("select") + " FROM " + table);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(store.databaseName()).startsWith("store_");
        }
    }

    @Test
    void wrongPasswordAndMissingDatabaseSayWhatToCheckWithoutThePassword() {
        String url = "jdbc:postgresql://localhost:" + TestPostgres.port() + "/nope_db?user=postgres&password=hunter2";
        assertThatThrownBy(() -> PostgresStore.connect(url))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("no such database")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PostgresStore.connect("jdbc:postgresql://127.0.0.1:1/x?user=u&password=hunter2"))
                .hasMessageContaining("Cannot reach PostgreSQL")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PostgresStore.connect("mongodb://localhost/x"))
                .isInstanceOf(FerryException.class)
                .satisfies(e -> assertThat(((FerryException) e).exitCode()).isEqualTo(2));
    }

    @Test
    void quoteRefusesEmptyNames() {
        assertThatThrownBy(() -> SqlNames.quote("")).isInstanceOf(IllegalArgumentException.class);
        assertThat(SqlNames.qualified("migration_backup", "users")).isEqualTo("\"migration_backup\".\"users\"");
    }

    @Test
    void aServerThatWantsAPasswordSaysHowToGiveOneInOneSentence() {
        String reason = PostgresStore.reason("jdbc:postgresql://db:5432/app?user=ferry_op", new java.sql.SQLException(
                "The server requested SCRAM-based authentication, but no password was provided.", "08004"));
        assertThat(reason).contains("asks for a password and none was given").contains("FERRY_PASSWORD")
                .doesNotContain("..").doesNotContain("Check that the server runs");
        String unreachable = PostgresStore.reason("jdbc:postgresql://db:1/app", new java.sql.SQLException(
                "Connection to db:1 refused.", "08001"));
        assertThat(unreachable).contains("Cannot reach PostgreSQL").doesNotContain("..");
    }
}
