package dev.ferry.plan;

/**
 * A plan of PostgreSQL operations (runbooks 002 and 003), chosen by the plan file's top-level {@code kind}. Split
 * plans ({@link Plan}) have no kind; these do, so one file can never be read as the other.
 */
public sealed interface PostgresPlan extends MigrationPlan permits UuidKeyPlan, ColumnBackfillPlan {

    /** The schema of the tables the plan changes ({@code public} unless given). */
    String schema();

    /** The table the plan changes. */
    String table();

    /** The plan's table as {@code assess} names it: bare in {@code public}, {@code schema.table} elsewhere. */
    @Override
    default String sourceName() {
        return "public".equals(schema()) ? table() : schema() + "." + table();
    }

    @Override
    default java.util.List<String> targetNames() {
        return java.util.List.of(sourceName());
    }
}
