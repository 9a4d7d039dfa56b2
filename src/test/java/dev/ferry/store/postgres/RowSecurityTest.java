package dev.ferry.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import dev.ferry.plan.SourceSpec;
import dev.ferry.plan.StoreKind;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A source or target table whose row-level security hides rows from the connected role is refused by name (a run, a
 * dry run and a validation would otherwise agree on the rows they see), as is a source key column that repeats.
 */
class RowSecurityTest {

    @Test
    void rowsHiddenByRowSecurityAreRefusedForTheRoleTheyApplyTo() throws Exception {
        String admin = TestPostgres.freshDatabase("rls_source");
        String suffix = admin.substring(admin.lastIndexOf('_') + 1, admin.indexOf('?'));
        String owner = "ledger_owner_" + suffix;
        String operator = "ledger_op_" + suffix;
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + owner + " LOGIN");
            s.execute("CREATE ROLE " + operator + " LOGIN");
            s.execute("CREATE SCHEMA bank AUTHORIZATION " + owner);
            s.execute("SET ROLE " + owner);
            s.execute("CREATE TABLE bank.accounts (id integer PRIMARY KEY, tenant text NOT NULL, holder text)");
            s.execute("INSERT INTO bank.accounts SELECT g, CASE WHEN g % 5 = 0 THEN 'b' ELSE 'a' END, 'holder ' || g"
                    + " FROM generate_series(1, 300) g");
            s.execute("ALTER TABLE bank.accounts ENABLE ROW LEVEL SECURITY");
            s.execute("CREATE POLICY tenant_a ON bank.accounts FOR SELECT USING (tenant = 'a')");
            s.execute("GRANT USAGE ON SCHEMA bank TO " + operator);
            s.execute("GRANT SELECT ON bank.accounts TO " + operator);
            s.execute("RESET ROLE");
        }
        SourceSpec spec = new SourceSpec("bank.accounts", null, "id", StoreKind.POSTGRES);
        try (PostgresStore store = PostgresStore.connect(admin.replace("user=postgres", "user=" + operator))) {
            assertThatThrownBy(() -> new PostgresBatchReader(store, spec, null, 100).close())
                    .isInstanceOf(FerryException.class)
                    .hasMessageContaining("Row-level security on \"bank\".\"accounts\" applies to the role " + operator)
                    .hasMessageContaining("1 policies").hasMessageContaining(owner);
        }
        try (PostgresStore store = PostgresStore.connect(admin.replace("user=postgres", "user=" + owner));
                PostgresBatchReader reader = new PostgresBatchReader(store, spec, null, 100)) {
            assertThat(reader.count()).as("the owner sees every row").isEqualTo(300);
        }
        try (PostgresStore store = PostgresStore.connect(admin.replace("user=postgres", "user=" + operator))) {
            assertThatThrownBy(() -> new PostgresTargetWriter(store, "bank.accounts", java.util.List.of("holder"))
                    .close()).as("as a target too").hasMessageContaining("rows its policies hide would look absent");
        }
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE POLICY migration ON bank.accounts TO " + operator + " USING (true) WITH CHECK (true)");
        }
        try (PostgresStore store = PostgresStore.connect(admin.replace("user=postgres", "user=" + operator));
                PostgresBatchReader reader = new PostgresBatchReader(store, spec, null, 100)) {
            assertThat(reader.count()).as("a policy of its own shows the operator every row").isEqualTo(300);
        }
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("DROP POLICY migration ON bank.accounts");
            s.execute("ALTER TABLE bank.accounts FORCE ROW LEVEL SECURITY");
        }
        try (PostgresStore store = PostgresStore.connect(admin.replace("user=postgres", "user=" + owner))) {
            assertThatThrownBy(() -> new PostgresBatchReader(store, spec, null, 100).close())
                    .as("forced on the owner too").hasMessageContaining("applies to the role " + owner);
        }
        try (PostgresStore store = PostgresStore.connect(admin);
                PostgresBatchReader reader = new PostgresBatchReader(store, spec, null, 100)) {
            assertThat(reader.count()).as("a superuser bypasses it").isEqualTo(300);
        }
    }

    @Test
    void aKeyColumnThatRepeatsIsRefusedByItsValuesAndAUniqueOneIsNot() throws Exception {
        String url = TestPostgres.freshDatabase("repeated_key");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ledger (entry_id bigint PRIMARY KEY, account_no text NOT NULL, code text)");
            s.execute("INSERT INTO ledger SELECT g, 'ACC-' || (g % 100), 'C' || g FROM generate_series(1, 150) g");
            s.execute("CREATE UNIQUE INDEX ledger_code ON ledger (code)");
        }
        try (PostgresStore store = PostgresStore.connect(url)) {
            try (PostgresBatchReader byAccount = new PostgresBatchReader(store,
                    new SourceSpec("ledger", null, "account_no", StoreKind.POSTGRES), null, 100)) {
                assertThatThrownBy(byAccount::refuseUnpageableKeys)
                        .hasMessageContaining("key \"account_no\" is not unique in the source \"public\".\"ledger\"")
                        .hasMessageContaining("2 rows have ACC-");
            }
            for (String unique : new String[] {"entry_id", "code"}) {
                try (PostgresBatchReader reader = new PostgresBatchReader(store,
                        new SourceSpec("ledger", null, unique, StoreKind.POSTGRES), null, 100)) {
                    reader.refuseUnpageableKeys();
                }
            }
        }
    }
}
