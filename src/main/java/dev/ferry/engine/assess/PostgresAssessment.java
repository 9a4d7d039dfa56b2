package dev.ferry.engine.assess;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import dev.ferry.store.postgres.IndexInfo;
import dev.ferry.store.postgres.PostgresCatalog;
import dev.ferry.store.postgres.PostgresStore;
import dev.ferry.store.postgres.TableInfo;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the catalog (and exact counts) of every user table, in every schema, for {@code assess}. Reads only. */
public final class PostgresAssessment {

    private final PostgresStore store;

    public PostgresAssessment(PostgresStore store) {
        this.store = store;
    }

    /** Every user schema's tables (see {@link UserTables}: Ferry's own are listed as skipped). */
    public PostgresAssessReport assess() {
        PostgresCatalog catalog = new PostgresCatalog(store.connection());
        List<PostgresAssessReport.Table> tables = new ArrayList<>();
        UserTables user;
        try {
            user = UserTables.read(catalog);
            for (TableInfo t : user.tables()) {
                tables.add(new PostgresAssessReport.Table(t.schema(), t.name(), catalog.exactCount(t.schema(), t.name()),
                        t.estimate(), t.bytes(), t.primaryKey(),
                        t.columns().stream().map(c -> c.name() + " " + c.type()).toList(),
                        catalog.indexes(t.oid()).stream().map(IndexInfo::definition).toList(),
                        catalog.foreignKeysInto(t.oid()).stream().map(fk -> TableInfo.display(fk.schema(), fk.table())
                                + "." + String.join(",", fk.columns()) + " → " + String.join(",", fk.refColumns())
                                + " (" + fk.name() + ")").toList()));
            }
        } catch (SQLException e) {
            throw new FerryException("Could not read the catalog of " + store.displayUri() + ": "
                    + Secrets.redact(e.getMessage()), e);
        }
        return new PostgresAssessReport(store.databaseName(), Instant.now(), tables, user.skipped());
    }
}
