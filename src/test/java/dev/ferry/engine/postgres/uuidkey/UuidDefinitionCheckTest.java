package dev.ferry.engine.postgres.uuidkey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunListener;
import dev.ferry.engine.ValidationReport;
import dev.ferry.engine.postgres.DeskSchema;
import dev.ferry.engine.postgres.Runbook002Schema;
import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.plan.UuidKeyPlan;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.testing.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 2: validate_migration proves the converted tables are the originals' definitions, and fails, naming
 * each difference, when anything a table carried is missing afterwards: a privilege, a policy, a storage option, a
 * comment, publication membership, the owner.
 */
class UuidDefinitionCheckTest {

    @Test
    void validateMigrationFailsAndListsWhatIsMissing() throws Exception {
        String url = TestPostgres.freshDatabase("desk_definition");
        DeskSchema.create(url, "desk_owner", true, 300);
        UuidKeyPlan plan = (UuidKeyPlan) PostgresPlanLoader.parse(DeskSchema.PLAN, "desk-uuid.yaml");
        try (PostgresStore store = PostgresStore.connect(url)) {
            UuidKeyOperations ops = new UuidKeyOperations(store, plan, RunListener.NONE, new RunControl());
            assertThat(ops.fullMigration().ok()).isTrue();

            Runbook002Schema.execute(url, """
                    REVOKE SELECT ON tickets FROM desk_reporting;
                    DROP POLICY reporting_reads ON accounts;
                    ALTER TABLE tickets RESET (fillfactor);
                    COMMENT ON TABLE accounts IS NULL;
                    ALTER PUBLICATION desk_changes DROP TABLE team_members;
                    ALTER TABLE events OWNER TO postgres;
                    REVOKE SELECT (email) ON accounts FROM desk_reporting;
                    """);
            ValidationReport report = ops.validateMigration();

            assertThat(report.passed()).isFalse();
            assertThat(failed(report)).containsExactlyInAnyOrder("accounts definition", "accounts owner and privileges",
                    "tickets definition", "tickets owner and privileges", "team_members definition",
                    "events definition", "events owner and privileges");
            assertThat(evidence(report, "tickets owner and privileges")).contains("desk_reporting lacks SELECT on tickets");
            assertThat(evidence(report, "accounts owner and privileges"))
                    .contains("desk_reporting lacks SELECT on accounts.email");
            assertThat(evidence(report, "events owner and privileges")).contains("owner is postgres, was desk_owner");
            assertThat(evidence(report, "accounts definition")).anyMatch(d -> d.startsWith("missing: policy"
                    + " reporting_reads: PERMISSIVE FOR r TO desk_reporting"))
                    .anyMatch(d -> d.startsWith("missing: table comment: 'People who sign in"));
            assertThat(evidence(report, "tickets definition")).anyMatch(d -> d.startsWith("missing: table options:"
                    + " autovacuum_vacuum_scale_factor=0.05,fillfactor=80"));
            assertThat(evidence(report, "team_members definition"))
                    .contains("missing: publication desk_changes: where - columns all", "publication desk_changes");
            assertThat(report.checks()).filteredOn(c -> c.name().equals("teams definition")).isEmpty();
        }
    }

    private static List<String> failed(ValidationReport report) {
        return report.checks().stream().filter(c -> c.status() != CheckResult.CheckStatus.PASSED)
                .map(CheckResult::name).toList();
    }

    /** The check's evidence and what it names as failing. */
    private static List<String> evidence(ValidationReport report, String check) {
        CheckResult c = report.checks().stream().filter(x -> x.name().equals(check)).findFirst().orElseThrow();
        List<String> all = new java.util.ArrayList<>(c.evidence());
        all.addAll(c.failingKeys());
        return all;
    }
}
