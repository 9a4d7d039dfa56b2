package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;

import dev.ferry.store.postgres.ForeignKeyInfo;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.SqlNames;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rebuilds on the filled shadows what the originals have: every index (under a temporary name until the swap), the
 * primary key and unique constraints on those indexes, and the foreign keys, added NOT VALID and then validated on
 * parallel connections. The shadows are not live yet, so none of this blocks the application. Each piece is skipped
 * when it already exists, so a resumed run picks up where a killed one stopped.
 */
final class ShadowIndexes {

    private final ConversionRun run;

    ShadowIndexes(ConversionRun run) {
        this.run = run;
    }

    void build() throws SQLException {
        List<String[]> indexJobs = new ArrayList<>();
        for (ConvertedTable t : run.layout().tables()) {
            for (IndexInfo index : t.indexes()) {
                if (index.body() == null) {
                    throw new ConversionRefused("Cannot read the definition of index " + index.name() + " on "
                            + t.table().display() + ": " + index.definition());
                }
                String unique = index.definition().startsWith("CREATE UNIQUE") ? "UNIQUE " : "";
                String name = ConvertedTable.temporaryName(index);
                indexJobs.add(new String[] {t.table().schema(), name, "CREATE " + unique + "INDEX IF NOT EXISTS "
                        + SqlNames.quote(name) + " ON " + t.shadow() + " " + index.body()});
            }
        }
        new WorkerPool(run).each(indexJobs, (c, job) -> {
            execute(c, job[2]);
            c.commit();
        });
        Connection main = run.store().connection();
        for (ConvertedTable t : run.layout().tables()) {
            for (IndexInfo index : t.indexes()) {
                if (index.constraint() != null && !hasConstraint(main, t, ConvertedTable.temporaryName(index))) {
                    String kind = "p".equals(index.constraintType()) ? "PRIMARY KEY" : "UNIQUE";
                    String name = SqlNames.quote(ConvertedTable.temporaryName(index));
                    execute(main, "ALTER TABLE " + t.shadow() + " ADD CONSTRAINT " + name + " " + kind + " USING INDEX " + name);
                }
            }
        }
        List<String[]> validations = new ArrayList<>();
        for (ConvertedTable t : run.layout().tables()) {
            for (ForeignKeyInfo fk : t.foreignKeys()) {
                if (!hasConstraint(main, t, fk.name())) {
                    execute(main, "ALTER TABLE " + t.shadow() + " ADD CONSTRAINT " + SqlNames.quote(fk.name()) + " "
                            + definition(fk) + " NOT VALID");
                }
                validations.add(new String[] {"ALTER TABLE " + t.shadow() + " VALIDATE CONSTRAINT " + SqlNames.quote(fk.name())});
            }
            validations.add(new String[] {"ANALYZE " + t.shadow()});
        }
        new WorkerPool(run).each(validations, (c, job) -> {
            execute(c, job[0]);
            c.commit();
        });
    }

    /** A foreign key between converted tables points at the other shadow; any other keeps its definition. */
    private String definition(ForeignKeyInfo fk) {
        Map<Long, ConvertedTable> byOid = new HashMap<>();
        run.layout().tables().forEach(t -> byOid.put(t.table().oid(), t));
        ConvertedTable target = byOid.get(fk.refTableOid());
        if (target == null) {
            String def = fk.definition();
            return def.endsWith(" NOT VALID") ? def.substring(0, def.length() - " NOT VALID".length()) : def;
        }
        return "FOREIGN KEY (" + quoted(fk.columns()) + ") REFERENCES " + target.shadow() + " (" + quoted(fk.refColumns())
                + ")" + fk.options();
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
