package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.store.postgres.PostgresJournal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * validate_schema as an operation: the layout's blockers, the values of every converted column
 * ({@link UuidSchemaCheck}), what Ferry connected as it is could not carry ({@link CarryBlockers}), a rehearsal of
 * every carried statement on empty copies ({@link ShadowRehearsal}), an existing backup table, and the columns that
 * probably hold the key without a foreign key ({@link ProbableReferences}). Logged in migration_log.
 */
final class SchemaValidation {

    private final ConversionSession session;

    SchemaValidation(ConversionSession session) {
        this.session = session;
    }

    SchemaReport validateSchema() {
        try {
            return session.log.record("validate_schema", null, this::check,
                    r -> r.ok() ? r.changes().size() + " column(s) to convert, no blocker" : String.join(" ", r.blockers()),
                    SchemaReport::ok);
        } catch (SQLException e) {
            throw session.failure("validate the schema", e);
        }
    }

    SchemaReport check() throws SQLException {
        Optional<PostgresJournal.RunRow> active = session.activeRun();
        if (active.isPresent() && ConversionSession.step(active.get()).compareTo(ConversionStep.SWAPPED) >= 0) {
            return new SchemaReport(session.plan.name(), List.of(), List.of(), List.of(), List.of("Run "
                    + active.get().runId() + " already converted the tables; run validate_migration, rollback or"
                    + " cleanup_backup."));
        }
        ConversionLayout layout = session.working(ConversionLayout.read(session.catalog, session.plan,
                session.plan.schema()));
        CarryBlockers carry = new CarryBlockers(session.store.connection());
        List<String> carried = carry.of(layout);
        SchemaReport report = new UuidSchemaCheck(session.store.connection(), session.plan).check(layout,
                carry.unreadable());
        List<String> blockers = new ArrayList<>(report.blockers());
        blockers.addAll(carried);
        if (active.isEmpty()) {
            for (ConvertedTable t : layout.tables()) {
                if (session.catalog.table(t.backupSchema(), t.name()).isPresent()) {
                    blockers.add(t.backupSchema() + "." + t.name() + " already exists (an earlier backup?)."
                            + " Drop it, or name another backup_schema in the plan.");
                }
            }
        }
        if (active.isEmpty() || ConversionSession.step(active.get()) == ConversionStep.PLANNED) {
            blockers.addAll(new ShadowRehearsal(session.store.connection()).refusals(layout));
        }
        return new SchemaReport(report.plan(), report.changes(), report.badRows(), blockers, report.notes(),
                new ProbableReferences(session.store.connection(), session.plan).find(layout));
    }
}
