package dev.ferry.engine.connect;

import dev.ferry.FerryException;
import dev.ferry.engine.AssessReport;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.assess.TableInventory;
import dev.ferry.engine.postgres.PostgresRunHistory;
import dev.ferry.engine.postgres.VerbConnection;
import dev.ferry.engine.postgres.backfill.BackfillEngine;
import dev.ferry.engine.postgres.uuidkey.UuidKeyEngine;
import dev.ferry.plan.MigrationPlan;
import java.util.List;

/**
 * A PostgreSQL database: it runs the operation plans (runbooks 002 and 003), whose journal is here, and assesses
 * its tables. Each verb opens its own connection and closes it.
 */
final class PostgresDatabase extends DatabaseEngine {

    private final VerbConnection db;

    PostgresDatabase(VerbConnection db) {
        super(List.of(new UuidKeyEngine(db), new BackfillEngine(db)));
        this.db = db;
    }

    @Override
    public String kind() {
        return "PostgreSQL";
    }

    @Override
    public String databaseName() {
        return db.database();
    }

    @Override
    public AssessReport assess(int sampleSize) {
        return db.on(store -> new TableInventory(store).assess(sampleSize));
    }

    @Override
    public List<RunSummary> history(String plan) {
        return db.on(store -> new PostgresRunHistory(store).list(plan));
    }

    @Override
    FerryException refuse(MigrationPlan plan) {
        return FerryException.usage("Plan " + plan.name() + " reads the MongoDB collection " + plan.subject()
                + "; connect to its MongoDB database to run it. (A plan with a `table:` source or target runs from"
                + " MongoDB too, with --source-uri/--target-uri naming this PostgreSQL database.)");
    }

    @Override
    public void close() {
        // every verb closes its own connection
    }
}
