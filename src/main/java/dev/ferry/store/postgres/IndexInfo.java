package dev.ferry.store.postgres;

/**
 * An index of a table.
 *
 * @param body         the definition after {@code ON schema.table }, e.g. {@code USING btree (id)}; null if the
 *                     server printed it in an unexpected form
 * @param constraint   the primary key / unique / exclusion constraint it backs, or null
 * @param constraintType p, u or x (null without a constraint)
 * @param constraintDefinition the constraint as {@code pg_get_constraintdef} prints it ({@code PRIMARY KEY (id)
 *                     DEFERRABLE}, {@code EXCLUDE USING gist (…)}); null without a constraint, or when recorded by an
 *                     older version
 */
public record IndexInfo(long oid, String name, String definition, String body, String constraint,
                        String constraintType, String constraintDefinition) { }
