package dev.ferry.engine.postgres.backfill;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.engine.ValidationReport;
import dev.ferry.plan.ColumnBackfillPlan;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runbook 003's validation as {@link CheckResult}s: the columns exist, the share of rows the backfill covers that are
 * migrated (all of them to pass), and no row where the plan's invalid condition holds (the first keys listed).
 */
final class BackfillChecks {

    private static final int LISTED = 20;

    private final Connection connection;
    private final ColumnBackfillPlan plan;

    BackfillChecks(Connection connection, ColumnBackfillPlan plan) {
        this.connection = connection;
        this.plan = plan;
    }

    ValidationReport validate(TableInfo table) throws SQLException {
        List<CheckResult> checks = new ArrayList<>();
        Instant t0 = Instant.now();
        List<String> missing = plan.addColumns().stream().map(ColumnBackfillPlan.NewColumn::name)
                .filter(c -> table.column(c).isEmpty()).toList();
        checks.add(new CheckResult("columns", "catalog", missing.isEmpty() ? CheckStatus.PASSED : CheckStatus.FAILED,
                plan.addColumns().size(), plan.addColumns().size(), missing.size(), missing.isEmpty()
                        ? "all " + plan.addColumns().size() + " column(s) present" : "missing: " + missing
                        + " (run `up` first)", List.of(), List.of(), Duration.between(t0, Instant.now())));
        if (!missing.isEmpty()) {
            return new ValidationReport(plan.name(), checks, List.of());
        }
        String t = table.qualified();
        String pk = SqlNames.quote(table.primaryKey().get(0));
        String scope = plan.backfill() == null || plan.backfill().filter() == null ? "true" : "(" + plan.backfill().filter() + ")";
        if (plan.validation().migratedWhen() != null) {
            t0 = Instant.now();
            String sql = "SELECT count(*), count(*) FILTER (WHERE " + scope + "), count(*) FILTER (WHERE " + scope
                    + " AND (" + plan.validation().migratedWhen() + ")) FROM " + t;
            long[] n = longs(sql, 3);
            double share = n[1] == 0 ? 100 : 100.0 * n[2] / n[1];
            checks.add(new CheckResult("migrated share", "count", n[2] == n[1] ? CheckStatus.PASSED : CheckStatus.FAILED,
                    n[1], n[0], n[1] - n[2], String.format("%,d of %,d rows in scope migrated (%.2f%%); %,d rows in the"
                    + " table", n[2], n[1], share, n[0]), List.of(sql), List.of(), Duration.between(t0, Instant.now())));
        }
        if (plan.validation().invalidWhen() != null) {
            t0 = Instant.now();
            String where = " FROM " + t + " WHERE (" + plan.validation().invalidWhen() + ")";
            long invalid = longs("SELECT count(*)" + where, 1)[0];
            List<String> keys = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT " + pk + "::text" + where + " ORDER BY " + pk
                    + " LIMIT " + LISTED); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
            checks.add(new CheckResult("invalid values", "predicate", invalid == 0 ? CheckStatus.PASSED
                    : CheckStatus.FAILED, -1, -1, invalid, String.format("%,d rows where %s", invalid,
                    plan.validation().invalidWhen()), List.of("SELECT" + where), keys, Duration.between(t0, Instant.now())));
        }
        return new ValidationReport(plan.name(), checks, List.of());
    }

    private long[] longs(String sql, int n) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = r.getLong(i + 1);
            }
            return values;
        }
    }
}
