package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.JournalledVerdicts;

import dev.ferry.engine.CheckResult;
import dev.ferry.engine.CheckResult.CheckStatus;
import dev.ferry.engine.ValidationReport;
import dev.ferry.store.postgres.ColumnInfo;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.PostgresJournal;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableInfo;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * validate_migration, as {@link CheckResult}s the CLI and the console render: column types are uuid, no orphans,
 * counts equal to the backup, every key and index rebuilt and validated as before, the whole definition and the
 * privileges as before ({@link DefinitionChecks}), and every row equal to its backup row with the keys cast (a full
 * EXCEPT ALL comparison, so nothing is sampled).
 */
final class UuidMigrationChecks {

    private final ConversionSession session;

    UuidMigrationChecks(ConversionSession session) {
        this.session = session;
    }

    ValidationReport validate() throws SQLException {
        Optional<PostgresJournal.RunRow> run = session.activeRun();
        if (run.isEmpty() || ConversionSession.step(run.get()) != ConversionStep.SWAPPED) {
            ValidationReport none = new ValidationReport(session.plan.name(), List.of(new CheckResult("converted",
                    "journal", CheckStatus.COULD_NOT_CHECK, 0, 0, 0, "No converted run of " + session.plan.name()
                    + " to validate; run convert (or full_migration) first.", List.of(), List.of(), Duration.ZERO)),
                    List.of());
            return journalled(run, none);
        }
        ConversionLayout layout = session.recordedLayout(run.get().runId());
        Map<String, Long> before = new BackupCounts(session, run.get().runId(), layout).recorded();
        List<CheckResult> checks = new ArrayList<>();
        DefinitionChecks definitions = new DefinitionChecks(session, run.get().runId());
        for (ConvertedTable t : layout.tables()) {
            TableInfo now = session.catalog.table(t.table().schema(), t.name()).orElseThrow();
            checks.add(types(t, now));
            checks.add(counts(t, before.get(t.display())));
            checks.add(structure(t, now));
            checks.add(definitions.definition(t, now, layout.convertedColumnNames()));
            checks.add(definitions.privileges(t, now));
            checks.add(rows(t, before.get(t.display())));
        }
        for (ForeignKeyInfo fk : layout.keyReferences()) {
            checks.add(orphans(fk));
        }
        return journalled(run, new ValidationReport(session.plan.name(), checks, List.of()));
    }

    /** The verdict goes on the run it is about (an unconverted run's says it could not be checked). */
    private ValidationReport journalled(Optional<PostgresJournal.RunRow> run, ValidationReport report)
            throws SQLException {
        if (run.isPresent()) {
            JournalledVerdicts.record(session.connection, run.get().runId(), report);
        }
        return report;
    }

    private CheckResult types(ConvertedTable t, TableInfo now) {
        Instant t0 = Instant.now();
        List<String> wrong = t.columns().stream().filter(c -> !now.column(c).map(ColumnInfo::type).orElse("").equals("uuid"))
                .toList();
        List<String> evidence = t.columns().stream().map(c -> c + ": " + now.column(c).map(ColumnInfo::type).orElse("missing"))
                .toList();
        return result(t.display() + " column types", "catalog", wrong.isEmpty(), t.columns().size(), wrong.size(),
                wrong.isEmpty() ? "all converted columns are uuid" : "not uuid: " + wrong, evidence, t0);
    }

    private CheckResult counts(ConvertedTable t, long before) throws SQLException {
        Instant t0 = Instant.now();
        long now = UuidKeyConversion.count(session.store.connection(), t.original());
        long backup = UuidKeyConversion.count(session.store.connection(), t.backup());
        boolean ok = now == backup && backup == before;
        return result(t.display() + " row count", "count", ok, now, Math.abs(now - backup), String.format(
                "%,d rows; backup %,d; counted before %,d", now, backup, before), List.of(), t0);
    }

    private CheckResult structure(ConvertedTable t, TableInfo now) throws SQLException {
        Instant t0 = Instant.now();
        List<String> expectedIndexes = t.indexes().stream().map(IndexInfo::name).sorted().toList();
        List<String> indexes = session.catalog.indexes(now.oid()).stream().map(IndexInfo::name).sorted().toList();
        List<ForeignKeyInfo> keys = session.catalog.foreignKeysOf(now.oid());
        List<String> expectedKeys = t.foreignKeys().stream().map(k -> k.name() + (k.validated() ? "" : " (NOT VALID)"))
                .sorted().toList();
        List<String> foundKeys = keys.stream().map(k -> k.name() + (k.validated() ? "" : " (NOT VALID)")).sorted()
                .toList();
        boolean ok = indexes.equals(expectedIndexes) && foundKeys.equals(expectedKeys)
                && now.primaryKey().equals(t.table().primaryKey());
        return result(t.display() + " keys and indexes", "catalog", ok, expectedIndexes.size() + expectedKeys.size(),
                ok ? 0 : 1, ok ? "primary key, " + indexes.size() + " index(es), " + foundKeys.size()
                        + " foreign key(s) as before, validated as before" : "differs from before",
                List.of("indexes now " + indexes + ", before " + expectedIndexes, "foreign keys now " + foundKeys
                        + ", before " + expectedKeys, "primary key now " + now.primaryKey()), t0);
    }

    /** Every backup row, keys cast to uuid, is in the new table (with counts equal, the two hold the same rows). */
    private CheckResult rows(ConvertedTable t, long rowCount) throws SQLException {
        Instant t0 = Instant.now();
        List<ColumnInfo> columns = t.table().columns().stream().filter(c -> !c.generated()).toList();
        String plain = columns.stream().map(c -> SqlNames.quote(c.name())).collect(Collectors.joining(", "));
        String cast = columns.stream().map(c -> SqlNames.quote(c.name()) + (t.columns().contains(c.name()) ? "::uuid" : ""))
                .collect(Collectors.joining(", "));
        String sql = "SELECT count(*) FROM (SELECT " + cast + " FROM " + t.backup() + " EXCEPT ALL SELECT " + plain
                + " FROM " + t.original() + ") missing";
        long missing;
        try (PreparedStatement s = session.store.connection().prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            missing = r.getLong(1);
        }
        return result(t.display() + " row contents", "except-all", missing == 0, rowCount, missing, missing == 0
                ? "every backup row, keys cast to uuid, is in the converted table"
                : String.format("%,d backup rows are not in the converted table", missing), List.of(sql), t0);
    }

    private CheckResult orphans(ForeignKeyInfo fk) throws SQLException {
        Instant t0 = Instant.now();
        String col = SqlNames.quote(fk.columns().get(0));
        String refCol = SqlNames.quote(fk.refColumns().get(0));
        String sql = "SELECT count(*) FILTER (WHERE r." + col + " IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " + SqlNames.qualified(fk.refSchema(), fk.refTable())
                + " k WHERE k." + refCol + " = r." + col + ")), count(*) FROM " + SqlNames.qualified(fk.schema(), fk.table())
                + " r";
        long orphans;
        long rows;
        try (PreparedStatement s = session.store.connection().prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            orphans = r.getLong(1);
            rows = r.getLong(2);
        }
        return result(TableInfo.display(fk.schema(), fk.table()) + "." + fk.columns().get(0) + " orphans", "anti-join",
                orphans == 0, rows, orphans, String.format("%,d rows reference no %s row", orphans,
                        TableInfo.display(fk.refSchema(), fk.refTable())), List.of(sql), t0);
    }

    private static CheckResult result(String name, String method, boolean ok, long checked, long mismatched,
                                      String summary, List<String> evidence, Instant t0) {
        return new CheckResult(name, method, ok ? CheckStatus.PASSED : CheckStatus.FAILED, checked, checked,
                mismatched, summary, evidence, List.of(), Duration.between(t0, Instant.now()));
    }
}
