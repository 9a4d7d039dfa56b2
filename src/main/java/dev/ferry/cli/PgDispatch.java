package dev.ferry.cli;

import dev.ferry.plan.PostgresPlanLoader;
import dev.ferry.store.postgres.PostgresStore;
import java.nio.file.Files;
import java.util.Optional;

/**
 * Lets the general verbs (dry-run, run, validate, rollback, status, history) take a PostgreSQL operation plan: when
 * the database is PostgreSQL and the plan has a PostgreSQL kind, the verb runs the matching runbook operation through
 * {@code ferry pg op} and prints what it prints. Otherwise the verb goes on as before.
 */
final class PgDispatch {

    private PgDispatch() {
    }

    /**
     * @param uuidOperation     the operation for a uuid-key-conversion plan
     * @param backfillOperation the operation for a postgres-operations plan
     * @return the exit code when the verb was handled here, else empty
     */
    static Optional<Integer> run(Verb verb, DatabaseOptions database, PlanOptions plan, String uuidOperation,
                                 String backfillOperation, boolean yes) {
        if (plan == null || !plan.given() || !Files.isRegularFile(plan.file)
                || !PostgresPlanLoader.isPostgresPlan(plan.file)) {
            return Optional.empty();
        }
        String uri = database.resolve(verb.terminal());
        if (!PostgresStore.isPostgresUri(uri)) {
            throw new CliUsageException("Plan " + plan.file + " is a PostgreSQL operation plan; pass --uri"
                    + " jdbc:postgresql://host:5432/database?user=… (it cannot run on MongoDB).");
        }
        boolean uuid = PostgresPlanLoader.load(plan.file) instanceof dev.ferry.plan.UuidKeyPlan;
        PgOpCommand op = new PgOpCommand();
        op.attach(verb.terminal());
        op.output = verb.output;
        op.database = database;
        op.planFile = plan.file;
        op.yes = yes;
        op.operation = uuid ? uuidOperation : backfillOperation;
        return Optional.of(op.call());
    }

    /** True when the verb's database is PostgreSQL (assess has no plan to look at). */
    static boolean postgres(Verb verb, DatabaseOptions database) {
        return PostgresStore.isPostgresUri(database.resolve(verb.terminal()));
    }
}
