package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.postgres.SchemasBesidePublic;
import dev.ferry.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry assess} on PostgreSQL through the real CLI: every user schema, named schema.table outside public, as
 * the same AssessReport the console's Assessment screen shows.
 */
class PgAssessCliTest {

    @Test
    void assessListsTablesOfEverySchema() throws Exception {
        String url = TestPostgres.freshDatabase("assess_cli_schemas");
        SchemasBesidePublic.create(url);

        CliHarness.Result text = CliHarness.run("assess", "--uri", url);
        assertThat(text.code()).as(text.err()).isZero();
        // the console's AssessReport, in a table's words: exact count beside the planner's estimate, keys, references
        assertThat(text.out()).contains("3 tables", "TABLE", "ROWS", "ESTIMATE",
                "Billing Data.Invoices: 3 columns in 120 sampled rows", "crm.contacts: 2 columns in 7 sampled rows",
                "  primary key (id)", "referenced by Billing Data.Invoices.User Id → id",
                "references users.id by User Id", "Not assessed (Ferry's own): ferry_pg_runs, Billing Data.migration_log")
                .containsPattern("User Id +100% +integer")
                .doesNotContain("migration_backup");

        CliHarness.Result json = CliHarness.run("assess", "--uri", url, "--json");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"name\" : \"Billing Data.Invoices\"", "\"count\" : 120",
                "\"estimatedCount\" : ", "\"path\" : \"User Id\"");
    }
}
