package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.SqlNames;
import dev.ferry.store.postgres.TableAttachments;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Rebuilds on the filled shadows what the originals have: every index (under a temporary name until the swap), the
 * primary key, unique and exclusion constraints, the foreign keys, added NOT VALID and then validated on parallel
 * connections, and what a table carries once its indexes exist ({@link ShadowDefinition#afterIndexes}: NOT VALID
 * checks, extended statistics, comments, clustered index, replica identity), then ANALYZE. The shadows are not live
 * yet, so none of this blocks the application. Each piece is skipped when it already exists, so a resumed run picks up
 * where a killed one stopped.
 */
final class ShadowIndexes {

    private final ConversionRun run;

    ShadowIndexes(ConversionRun run) {
        this.run = run;
    }

    void build() throws SQLException {
        List<CarriedStatement> indexJobs = new ArrayList<>();
        for (ConvertedTable t : run.layout().tables()) {
            indexJobs.addAll(indexes(t));
        }
        new WorkerPool(run).each(indexJobs, (c, job) -> {
            execute(c, job.sql());
            c.commit();
        });
        Connection main = run.store().connection();
        for (ConvertedTable t : run.layout().tables()) {
            for (CarriedStatement s : constraints(t)) {
                if (!hasConstraint(main, t, s.unlessConstraint())) {
                    execute(main, s.sql());
                }
            }
        }
        List<String> validations = new ArrayList<>();
        for (ConvertedTable t : run.layout().tables()) {
            for (ForeignKeyInfo fk : t.foreignKeys()) {
                if (!hasConstraint(main, t, fk.name())) {
                    execute(main, "ALTER TABLE " + t.shadow() + " ADD CONSTRAINT " + SqlNames.quote(fk.name()) + " "
                            + definition(fk) + " NOT VALID");
                }
                if (fk.validated()) {
                    validations.add("ALTER TABLE " + t.shadow() + " VALIDATE CONSTRAINT " + SqlNames.quote(fk.name()));
                }
            }
            ShadowDefinition definition = new ShadowDefinition(t, TableAttachments.read(main, t.table().oid()));
            List<CarriedStatement> carried = new ArrayList<>(definition.afterIndexes());
            carried.addAll(definition.foreignKeyComments());
            for (CarriedStatement s : carried) {
                if (s.unlessConstraint() == null || !hasConstraint(main, t, s.unlessConstraint())) {
                    execute(main, s.sql());
                }
            }
            validations.add("ANALYZE " + t.shadow());
        }
        new WorkerPool(run).each(validations, (c, job) -> {
            execute(c, job);
            c.commit();
        });
    }

    /** The table's indexes on its shadow, under temporary names; an exclusion constraint builds its own. */
    static List<CarriedStatement> indexes(ConvertedTable t) {
        List<CarriedStatement> out = new ArrayList<>();
        for (IndexInfo index : t.indexes()) {
            if ("x".equals(index.constraintType())) {
                continue;
            }
            if (index.body() == null) {
                throw new ConversionRefused("Cannot read the definition of index " + index.name() + " on "
                        + t.display() + ": " + index.definition() + ". Drop it before the conversion and re-create it"
                        + " after.");
            }
            String unique = index.definition().startsWith("CREATE UNIQUE") ? "UNIQUE " : "";
            String name = ConvertedTable.temporaryName(index);
            out.add(new CarriedStatement("the index " + index.name() + " of " + t.display(), "CREATE " + unique
                    + "INDEX IF NOT EXISTS " + SqlNames.quote(name) + " ON " + t.shadow() + " " + index.body(),
                    "An index on a converted column that needs text (an operator class such as"
                            + " varchar_pattern_ops, a text function, a collation) cannot index a uuid: drop it before"
                            + " the conversion and re-create it after, casting the column (column::text).", null));
        }
        return out;
    }

    /** Primary key, unique and exclusion constraints, on the indexes {@link #indexes} built (or building their own). */
    static List<CarriedStatement> constraints(ConvertedTable t) {
        List<CarriedStatement> out = new ArrayList<>();
        for (IndexInfo index : t.indexes()) {
            if (index.constraint() == null) {
                continue;
            }
            String name = SqlNames.quote(ConvertedTable.temporaryName(index));
            String definition = Optional.ofNullable(index.constraintDefinition()).orElse("");
            String sql = "x".equals(index.constraintType()) ? definition
                    : ("p".equals(index.constraintType()) ? "PRIMARY KEY" : "UNIQUE") + " USING INDEX " + name
                    + (definition.contains(" DEFERRABLE INITIALLY DEFERRED") ? " DEFERRABLE INITIALLY DEFERRED"
                    : definition.endsWith(" DEFERRABLE") ? " DEFERRABLE" : "");
            out.add(new CarriedStatement("the constraint " + index.constraint() + " of " + t.display(), "ALTER TABLE "
                    + t.shadow() + " ADD CONSTRAINT " + name + " " + sql, CarriedStatement.DROP_AND_RECREATE,
                    ConvertedTable.temporaryName(index)));
        }
        return out;
    }

    /** A foreign key between converted tables points at the other shadow; any other keeps its definition. */
    private String definition(ForeignKeyInfo fk) {
        Optional<ConvertedTable> target = run.layout().tables().stream()
                .filter(t -> t.table().oid() == fk.refTableOid()).findFirst();
        if (target.isEmpty()) {
            String def = fk.definition();
            return def.endsWith(" NOT VALID") ? def.substring(0, def.length() - " NOT VALID".length()) : def;
        }
        return "FOREIGN KEY (" + quoted(fk.columns()) + ") REFERENCES " + target.get().shadow() + " ("
                + quoted(fk.refColumns()) + ")" + fk.options();
    }

    private static String quoted(List<String> names) {
        return names.stream().map(SqlNames::quote).collect(Collectors.joining(", "));
    }

    static boolean hasConstraint(Connection c, ConvertedTable t, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM pg_constraint WHERE conrelid = ?::regclass"
                + " AND conname = ?")) {
            s.setString(1, t.shadow());
            s.setString(2, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
