package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.ConversionRefused;
import dev.ferry.store.postgres.TableDependents;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * What was made on the converted tables after the conversion and would stop their rollback: a view, a foreign key of
 * another table, a function or policy that reads them. Ferry drops only what it made, so a rollback refuses, names
 * each, and says what to do, instead of passing on the server's advice to drop with CASCADE.
 */
final class RollbackDependents {

    private final Connection connection;
    private final List<ConvertedTable> tables;

    RollbackDependents(Connection connection, List<ConvertedTable> tables) {
        this.connection = connection;
        this.tables = tables;
    }

    void refuseAny() throws SQLException {
        List<Long> converted = new ArrayList<>();
        for (ConvertedTable t : tables) {
            converted.add(TableSwap.oid(connection, t.original()));
        }
        List<String> found = new ArrayList<>();
        TableDependents dependents = new TableDependents(connection);
        for (int i = 0; i < tables.size(); i++) {
            for (String d : dependents.dependentsOutside(converted.get(i), converted, false)) {
                found.add(d + " (on " + tables.get(i).display() + ")");
            }
        }
        if (!found.isEmpty()) {
            throw new ConversionRefused("Rollback refused; nothing was changed. These were made on the converted tables"
                    + " after the conversion and depend on them: " + String.join("; ", found) + ". Ferry drops only"
                    + " what it made: drop them yourself (note their definitions to make them again on the restored"
                    + " tables), then run rollback again.");
        }
    }
}
