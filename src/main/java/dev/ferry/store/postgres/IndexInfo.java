package dev.ferry.store.postgres;

/**
 * An index of a table.
 *
 * @param body         the definition after {@code ON schema.table }, e.g. {@code USING btree (id)}; null if the
 *                     server printed it in an unexpected form
 * @param constraint   the primary key / unique / exclusion constraint it backs, or null
 * @param constraintType p, u or x (null without a constraint)
 */
public record IndexInfo(long oid, String name, String definition, String body, String constraint,
                        String constraintType) { }
