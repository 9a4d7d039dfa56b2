package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryException;
import dev.ferry.engine.CheckResult;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanException;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Views and queries as PostgreSQL sources: read only, paged on the key the plan names. A view of open invoices and a
 * query joining invoices to their accounts (natural text keys, money as numeric, dates kept as text in another
 * format) run into MongoDB, validate and roll back; a key that repeats in a view, and a query that would write, are
 * refused before anything is written.
 */
class ViewAndQuerySourcesTest {

    private static final int ACCOUNTS = 60;
    private static final int INVOICES = 700;
    private InProcessMongo mongo;
    private String pgUrl;
    private SplitEngine ferry;

    @BeforeEach
    void start() throws Exception {
        mongo = new InProcessMongo();
        pgUrl = TestPostgres.freshDatabase("views");
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA billing");
            s.execute("CREATE TABLE billing.accounts (account_id integer PRIMARY KEY, name text NOT NULL,"
                    + " region char(2))");
            s.execute("CREATE TABLE billing.invoices (invoice_no text PRIMARY KEY, account_id integer NOT NULL"
                    + " REFERENCES billing.accounts, amount numeric(10,2) NOT NULL, status text NOT NULL,"
                    + " issued text)");
            s.execute("INSERT INTO billing.accounts SELECT i, 'Account ' || i || CASE WHEN i % 7 = 0 THEN ' O''Neil'"
                    + " ELSE '' END, CASE WHEN i % 5 = 0 THEN NULL ELSE 'GB' END FROM generate_series(1, " + ACCOUNTS
                    + ") i");
            s.execute("INSERT INTO billing.invoices SELECT 'INV-2019-' || lpad(i::text, 6, '0'), 1 + i % " + ACCOUNTS
                    + ", (i * 7.31)::numeric(10,2), CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'open' END,"
                    + " to_char(timestamp '2015-08-13 00:27:59.177' + i * interval '1 hour',"
                    + " 'YYYY-MM-DD HH24:MI:SS.US000') FROM generate_series(1, " + INVOICES + ") i");
            s.execute("CREATE VIEW billing.open_invoices AS SELECT invoice_no, account_id, amount, issued"
                    + " FROM billing.invoices WHERE status = 'open'");
            s.execute("CREATE VIEW billing.invoice_accounts AS SELECT i.account_id AS k, i.invoice_no"
                    + " FROM billing.invoices i");
        }
        ferry = SplitEngine.connect(mongo.uri("app")).withSource(pgUrl);
    }

    @AfterEach
    void stop() {
        ferry.close();
        mongo.close();
    }

    @Test
    void aViewIsReadAsATableIsAndRollsBack() throws Exception {
        Plan plan = PlanLoader.parse("""
                name: open-invoices
                source: { view: billing.open_invoices, key: invoice_no }
                batch: { size: 50 }
                targets:
                  - collection: open_invoices
                    id: { from: invoice_no }
                    fields:
                      account: { from: account_id }
                      amount: { from: amount }
                      issued: { from: issued, convert: { to: date, pattern: 'yyyy-MM-dd HH:mm:ss.SSSSSSSSS' } }
                """, "open-invoices.yaml");
        String before = fingerprint();
        RunReport run = ferry.run(plan, new RunControl(), e -> { });
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        long open = INVOICES - INVOICES / 3;
        assertThat(run.processed()).isEqualTo(open);
        List<Document> docs = mongo.database("app").getCollection("open_invoices").find().into(new ArrayList<>());
        assertThat(docs).hasSize((int) open).allSatisfy(d -> {
            assertThat(d.get("amount")).isInstanceOf(Decimal128.class);
            assertThat(d.get("issued")).isInstanceOf(Date.class);
        });
        assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                .containsOnly(CheckResult.CheckStatus.PASSED);
        RollbackReport rollback = ferry.rollback(plan, null, e -> { });
        assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        assertThat(mongo.database("app").getCollection("open_invoices").countDocuments()).isZero();
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void aQueryJoiningTwoTablesIsPagedOnItsKey() {
        Plan plan = PlanLoader.parse("""
                name: invoices-with-accounts
                source:
                  name: invoice_lines
                  key: invoice_no
                  query: >
                    SELECT i.invoice_no, i.amount, i.issued, a.account_id, a.name AS account_name, a.region
                    FROM billing.invoices i JOIN billing.accounts a USING (account_id)
                batch: { size: 64 }
                targets:
                  - collection: invoices
                    id: { from: invoice_no }
                    fields:
                      account.id: { from: account_id }
                      account.name: { from: account_name }
                      account.region: { from: region }
                      amount: { from: amount }
                """, "invoices-with-accounts.yaml");
        RunReport run = ferry.run(plan, new RunControl(), e -> { });
        assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
        assertThat(run.processed()).isEqualTo(INVOICES);
        Document one = mongo.database("app").getCollection("invoices").find(new Document("_id", "INV-2019-000007"))
                .first();
        assertThat(one.get("account", Document.class).getString("name")).isEqualTo("Account 8");
        assertThat(((Decimal128) one.get("amount")).bigDecimalValue()).isEqualByComparingTo(new BigDecimal("51.17"));
        assertThat(ferry.validate(plan).checks()).extracting(CheckResult::status)
                .containsOnly(CheckResult.CheckStatus.PASSED);
        RollbackReport rollback = ferry.rollback(plan, null, e -> { });
        assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
    }

    @Test
    void aKeyThatRepeatsInAViewIsRefusedBeforeAnythingIsWritten() {
        Plan plan = PlanLoader.parse("""
                name: by-account
                source: { view: billing.invoice_accounts, key: k }
                targets:
                  - collection: by_account
                    id: { from: k }
                    fields: { invoice: { from: invoice_no } }
                """, "by-account.yaml");
        assertThatThrownBy(() -> ferry.run(plan, new RunControl(), e -> { }))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("\"k\" is not unique in the source \"billing\".\"invoice_accounts\"")
                .hasMessageContaining("rows have");
        assertThat(mongo.database("app").getCollection("by_account").countDocuments()).isZero();
    }

    @Test
    void aQueryThatWouldWriteIsRefusedByTheServer() throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION billing.purge() RETURNS SETOF billing.invoices LANGUAGE sql AS"
                    + " 'DELETE FROM billing.invoices RETURNING *'");
        }
        Plan plan = PlanLoader.parse("""
                name: sneaky
                source:
                  key: invoice_no
                  query: "SELECT * FROM billing.purge()"
                targets:
                  - collection: sneaky
                    id: { from: invoice_no }
                    fields: { amount: { from: amount } }
                """, "sneaky.yaml");
        assertThatThrownBy(() -> ferry.run(plan, new RunControl(), e -> { }))
                .isInstanceOf(FerryException.class)
                .hasMessageContaining("the source query: ")
                .hasMessageContaining("cannot execute DELETE in a read-only transaction");
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM billing.invoices")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(INVOICES);
        }
    }

    @Test
    void lintRefusesWhatCannotBeASourceQuery() {
        assertThatThrownBy(() -> PlanLoader.parse("""
                name: bad
                source: { key: id, query: "SELECT 1 AS id; DROP TABLE billing.invoices" }
                targets: [ { collection: x, id: { from: id }, fields: {} } ]
                """, "bad.yaml")).isInstanceOf(PlanException.class)
                .hasMessageContaining("bad.yaml:2:27: source.query: a query source is one statement");
        assertThatThrownBy(() -> PlanLoader.parse("""
                name: bad
                source: { key: id, query: "UPDATE billing.invoices SET amount = 0" }
                targets: [ { collection: x, id: { from: id }, fields: {} } ]
                """, "bad.yaml")).isInstanceOf(PlanException.class)
                .hasMessageContaining("a query source starts with SELECT or WITH, got 'UPDATE'");
        assertThatThrownBy(() -> PlanLoader.parse("""
                name: bad
                source: { view: v, table: t, key: id }
                targets: [ { collection: x, id: { from: id }, fields: {} } ]
                """, "bad.yaml")).isInstanceOf(PlanException.class)
                .hasMessageContaining("not both table and view");
    }

    private String fingerprint() throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT md5(string_agg(t::text, '|' ORDER BY invoice_no))"
                     + " FROM billing.invoices t")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
