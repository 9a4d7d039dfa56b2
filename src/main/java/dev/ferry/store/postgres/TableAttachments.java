package dev.ferry.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What PostgreSQL attaches to a table beyond its columns, constraints and indexes, read so that a copy of the table can
 * be given the same: owner, persistence, tablespace, storage options, comment, row security and policies, replica
 * identity, privileges (table and column), column statistics targets and options, extended statistics, publication
 * membership, the comments of constraints and indexes, the clustered index, the check constraints that are NOT VALID
 * and the columns' defaults. Expressions are printed with every table schema-qualified.
 */
public record TableAttachments(String owner, String persistence, String tablespace, List<String> options,
                               List<String> toastOptions, String comment, boolean rowSecurity, boolean forceRowSecurity,
                               String replicaIdentity, long replicaIndex, long clusteredIndex, List<Grant> grants,
                               List<ColumnAttachment> columns, List<Policy> policies,
                               List<PublicationMember> publications, List<StatisticsObject> statistics,
                               List<Named> constraintComments, List<Named> indexComments, List<Named> notValidChecks,
                               List<Named> defaults) {

    /** One privilege in a table's or column's ACL; {@code grantee} "PUBLIC" for everyone. In the ACL's order. */
    public record Grant(String grantor, String grantee, String privilege, boolean grantable) { }

    /** A column's statistics target (-1: the default), options ({@code n_distinct=100}) and privileges. */
    public record ColumnAttachment(String name, int statisticsTarget, List<String> options, List<Grant> grants) { }

    /** A row security policy: {@code command} is ALL, SELECT, INSERT, UPDATE or DELETE; null expressions are absent. */
    public record Policy(String name, boolean permissive, String command, List<String> roles, String using,
                         String check, String comment) { }

    /** The table in a publication, with its row filter and column list (null: none, every column). */
    public record PublicationMember(String publication, String rowFilter, List<String> columns) { }

    /** An extended statistics object on the table: {@code columns} as CREATE STATISTICS takes them after ON. */
    public record StatisticsObject(long oid, String schema, String name, String columns, List<String> kinds,
                                   String owner, int target, String comment) { }

    /**
     * A named piece with a text and a comment: a constraint (its type letter, its comment), an index by oid (its
     * comment), a NOT VALID check (its definition, its comment), a column (its default).
     */
    public record Named(String name, String text, String comment) { }

    public static TableAttachments read(Connection connection, long oid) throws SQLException {
        return CatalogReads.qualified(connection, () -> TableAttachmentQueries.read(connection, oid));
    }
}
