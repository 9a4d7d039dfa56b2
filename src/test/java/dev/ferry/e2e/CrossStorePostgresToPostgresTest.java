package dev.ferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.engine.RollbackReport;
import dev.ferry.engine.RunControl;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import dev.ferry.plan.Plan;
import dev.ferry.plan.PlanLoader;
import dev.ferry.testing.InProcessMongo;
import dev.ferry.testing.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A plan whose source and target are both tables (of one PostgreSQL database): it runs, validates and rolls back
 * like any other, with its journal in the MongoDB database of {@code --uri}. A timestamptz passes through BSON on
 * the way, so the copy keeps milliseconds.
 */
class CrossStorePostgresToPostgresTest {

    private static final String PLAN = """
            name: pg-to-pg
            source: { table: src, key: id }
            batch: { size: 40 }
            targets:
              - table: public.dst
                id: { from: id }
                fields:
                  label: { template: "{name}!" }
                  name: { from: name }
                  at: { from: at }
            """;

    @Test
    void aTableToTableRunValidatesAndRollsBackWithItsJournalInMongo() throws Exception {
        String pg = TestPostgres.freshDatabase("pg_to_pg");
        sql(pg, "CREATE TABLE src (id bigint PRIMARY KEY, name text, at timestamptz);"
                + " INSERT INTO src SELECT g, 'n' || g, '2024-05-06 07:08:09.123456+00' FROM generate_series(1, 100) g;"
                + " CREATE TABLE dst (id bigint PRIMARY KEY, name text, label text, at timestamptz);"
                + " INSERT INTO dst VALUES (7, 'old', NULL, NULL), (1000, 'unrelated', 'x', now())");
        Plan plan = PlanLoader.parse(PLAN, "pg-to-pg.yaml");
        String before = query(pg, "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM dst t");
        try (InProcessMongo mongo = new InProcessMongo();
             SplitEngine ferry = SplitEngine.connect(mongo.uri("journal")).withSource(pg)) {
            RunReport run = ferry.run(plan, new RunControl(), e -> { });
            assertThat(run.state()).as(run.message()).isEqualTo(RunState.COMPLETED);
            assertThat(query(pg, "SELECT label || ' ' || (at AT TIME ZONE 'UTC') FROM dst WHERE id = 7"))
                    .isEqualTo("n7! 2024-05-06 07:08:09.123");
            assertThat(mongo.database("journal").getCollection("ferry_runs").countDocuments()).isEqualTo(1);
            // count: 100 source rows against 101 in dst (one unrelated row): the count check says so
            assertThat(ferry.validate(plan).checks()).extracting(CheckResult::method, CheckResult::status)
                    .contains(org.assertj.core.groups.Tuple.tuple("checksum", CheckResult.CheckStatus.PASSED),
                            org.assertj.core.groups.Tuple.tuple("count", CheckResult.CheckStatus.FAILED));
            RollbackReport rollback = ferry.rollback(plan, null, e -> { });
            assertThat(rollback.verified()).as(String.join("\n", rollback.verification())).isTrue();
        }
        assertThat(query(pg, "SELECT md5(string_agg(t::text, '|' ORDER BY id)) FROM dst t")).isEqualTo(before);
    }

    private static void sql(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String query(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
