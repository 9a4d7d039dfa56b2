package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.postgres.SchemasBesidePublic;
import dev.ferry.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/** {@code ferry assess} on PostgreSQL through the real CLI: every user schema, named schema.table outside public. */
class PgAssessCliTest {

    @Test
    void assessListsTablesOfEverySchema() throws Exception {
        String url = TestPostgres.freshDatabase("assess_cli_schemas");
        SchemasBesidePublic.create(url);

        CliHarness.Result text = CliHarness.run("assess", "--uri", url);
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("3 tables", "Billing Data.Invoices: id integer, User Id integer, Amount Due numeric",
                "crm.contacts: id integer, email text", "Billing Data.Invoices.User Id → id",
                "Not assessed (Ferry's own): ferry_pg_runs, Billing Data.migration_log")
                .doesNotContain("migration_backup");

        CliHarness.Result json = CliHarness.run("assess", "--uri", url, "--json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"schema\" : \"Billing Data\"", "\"name\" : \"Invoices\"", "\"rows\" : 120");
    }
}
