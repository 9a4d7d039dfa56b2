package dev.ferry.engine.connect;

import dev.ferry.FerryException;
import dev.ferry.engine.AssessReport;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.assess.TableInventory;
import dev.ferry.engine.postgres.PostgresRunHistory;
import dev.ferry.engine.postgres.VerbConnection;
import dev.ferry.engine.postgres.backfill.BackfillEngine;
import dev.ferry.engine.postgres.uuidkey.UuidKeyEngine;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.MigrationPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A PostgreSQL database: it runs the operation plans (runbooks 002 and 003), each verb on a connection of its own,
 * and split plans of its tables (or between them and a MongoDB database's collections), whose journal is in its
 * schema {@code ferry}; and it assesses its tables.
 */
final class PostgresDatabase extends DatabaseEngine {

    private final VerbConnection db;
    private final SplitEngine split;

    PostgresDatabase(VerbConnection db, SplitEngine split) {
        super(List.of(new UuidKeyEngine(db), new BackfillEngine(db), split));
        this.db = db;
        this.split = split;
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

    /** The runbook operations' runs (every schema's journal) and the split runs (schema ferry), newest first. */
    @Override
    public List<RunSummary> history(String plan) {
        List<RunSummary> runs = new ArrayList<>(db.on(store -> new PostgresRunHistory(store).list(plan)));
        runs.addAll(split.history(plan));
        runs.sort(Comparator.comparing(RunSummary::startedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        return runs;
    }

    @Override
    FerryException refuse(MigrationPlan plan) {
        return FerryException.usage("Plan " + plan.name() + " (" + plan.kind().label() + ") does not run on"
                + " PostgreSQL; connect to a MongoDB database to run it.");
    }

    @Override
    public void close() {
        split.close(); // the operations' verbs close their own connections
    }
}
