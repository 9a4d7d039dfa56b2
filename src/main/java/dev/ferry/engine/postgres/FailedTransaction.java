package dev.ferry.engine.postgres;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The clean-up after a failed statement. On a connection the server ended, the rollback fails too ("connection has
 * been closed"); that second error is kept as suppressed so the first, which says why (57P01 terminated, a deadlock),
 * is the one reported and classified.
 */
public final class FailedTransaction {

    private FailedTransaction() {
    }

    /** Back to auto-commit, unless the server ended the connection (then there is nothing to restore). */
    public static void autoCommit(Connection c) throws SQLException {
        if (!c.isClosed()) {
            c.setAutoCommit(true);
        }
    }

    public static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
