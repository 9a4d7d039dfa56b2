package dev.ferry.engine.connect;

import dev.ferry.FerryException;
import dev.ferry.engine.AssessReport;
import dev.ferry.engine.RunSummary;
import dev.ferry.engine.assess.MongoAssessment;
import dev.ferry.engine.split.SplitEngine;
import dev.ferry.plan.MigrationPlan;
import java.util.List;

/** A MongoDB database: it runs split plans (their journal is here) and assesses its collections. */
final class MongoDatabase extends DatabaseEngine {

    private final SplitEngine split;

    MongoDatabase(SplitEngine split) {
        super(List.of(split));
        this.split = split;
    }

    SplitEngine split() {
        return split;
    }

    @Override
    public String kind() {
        return "MongoDB";
    }

    @Override
    public String databaseName() {
        return split.databaseName();
    }

    @Override
    public AssessReport assess(int sampleSize) {
        return new MongoAssessment(split.store()).assess(sampleSize);
    }

    @Override
    public List<RunSummary> history(String plan) {
        return split.history(plan);
    }

    @Override
    FerryException refuse(MigrationPlan plan) {
        return FerryException.usage("Plan " + plan.name() + " is a " + plan.kind().label() + " plan: it changes"
                + " PostgreSQL tables (" + plan.subject() + "); connect to that PostgreSQL database"
                + " (jdbc:postgresql://host:5432/database?user=…) to run it, not to MongoDB.");
    }

    @Override
    public void close() {
        split.close();
    }
}
