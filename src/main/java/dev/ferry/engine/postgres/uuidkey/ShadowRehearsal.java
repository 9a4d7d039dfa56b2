package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.FailedTransaction;
import dev.ferry.store.postgres.TableAttachments;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The dry run's proof that each converted table can be the same table as its original: in one transaction that is
 * rolled back, every statement that would give an empty copy what the original carries (columns and uuid types,
 * defaults, owner, options, privileges, indexes and keys, statistics, comments, row security, policies, publications)
 * is tried, each under a savepoint, and every one the server refuses is reported by what it carries, with what to do.
 * Foreign keys are left out (they would lock the tables they reference); {@link LayoutBlockers} checks their types.
 * A policy is tried against the original tables it reads; one that fits neither them nor, in the swap, the converted
 * ones (as written or without its text casts) makes the swap refuse by name, with nothing swapped.
 * Nothing is left behind, and the application's tables are only read.
 */
final class ShadowRehearsal {

    private final Connection connection;

    ShadowRehearsal(Connection connection) {
        this.connection = connection;
    }

    List<String> refusals(ConversionLayout layout) throws SQLException {
        List<String> refusals = new ArrayList<>();
        ShadowNames names = new ShadowNames(layout);
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            for (ConvertedTable t : layout.tables()) {
                ShadowDefinition definition = new ShadowDefinition(t, TableAttachments.read(connection,
                        t.table().oid()));
                List<CarriedStatement> statements = new ArrayList<>(definition.atCreation());
                statements.addAll(ShadowIndexes.indexes(t));
                statements.addAll(ShadowIndexes.constraints(t));
                statements.addAll(definition.afterIndexes());
                statements.addAll(definition.atSwap(t.shadow(), layout.convertedColumnNames()));
                for (CarriedStatement carried : statements) {
                    SQLException refused = carried.tryOn(s);
                    if (refused != null) {
                        refusals.add(refusal(carried, names.of(refused)));
                        if (carried.sql().startsWith("CREATE ") && carried.what().startsWith("the columns")) {
                            break; // nothing else can be tried without the copy
                        }
                    }
                }
            }
        } finally {
            try {
                connection.rollback();
            } catch (SQLException e) {
                FailedTransaction.rollback(connection, e);
            }
            FailedTransaction.autoCommit(connection);
        }
        return refusals;
    }

    static String refusal(CarriedStatement carried, String serverSaid) {
        return capitalised(carried.what()) + " cannot be carried to the converted table: " + serverSaid + ". "
                + carried.advice();
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
