package dev.ferry.engine.assess;

import dev.ferry.engine.connect.Engines;

import dev.ferry.engine.postgres.SchemasBesidePublic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.AssessReport;
import dev.ferry.testing.TestPostgres;
import org.junit.jupiter.api.Test;

/**
 * {@code assess} on a real PostgreSQL 15 covers every user schema, not only public: tables elsewhere are named
 * {@code schema.table} (quoted in SQL, so mixed case and spaces work); system schemas, Ferry's journal and
 * migration_log (in any schema) and the conversion's backup schema are left out.
 */
class PostgresAssessSchemasTest {

    @Test
    void assessesTheTablesOfEverySchemaBesidePublic() throws Exception {
        String url = TestPostgres.freshDatabase("assess_schemas");
        SchemasBesidePublic.create(url);

        AssessReport report = Engines.connect(url).assess(50);

        assertThat(report.database()).startsWith("assess_schemas_");
        assertThat(report.collections()).extracting(AssessReport.CollectionStats::name)
                .containsExactly("users", "Billing Data.Invoices", "crm.contacts");
        assertThat(report.skipped()).containsExactlyInAnyOrder("ferry_pg_runs", "Billing Data.migration_log");
        AssessReport.CollectionStats invoices = report.collections().get(1);
        assertThat(invoices.count()).isEqualTo(120);
        assertThat(invoices.sampled()).isEqualTo(50);
        assertThat(invoices.fields()).extracting(AssessReport.FieldStats::path)
                .containsExactly("id", "User Id", "Amount Due");
        assertThat(invoices.notes()).contains("primary key (id)")
                .anySatisfy(n -> assertThat(n).startsWith("references users.id by User Id"));
        assertThat(report.collections().get(0).notes())
                .anySatisfy(n -> assertThat(n).startsWith("referenced by Billing Data.Invoices.User Id"));
        assertThat(report.collections().get(2).count()).isEqualTo(7);
    }
}
