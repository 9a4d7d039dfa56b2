package dev.ferry.store.postgres;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What PostgreSQL said, for a person: the message and its detail (which row, which key), never its hint. The server's
 * hints are written for someone at psql ("Use DROP ... CASCADE"); an operator following one could destroy data, so
 * Ferry says what to do in its own words instead.
 */
public final class ServerMessage {

    private ServerMessage() {
    }

    public static String of(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            String detail = m.getDetail();
            return m.getMessage() + (detail == null || detail.isBlank() ? "" : " (" + detail + ")");
        }
        String message = String.valueOf(e.getMessage());
        int hint = message.indexOf("\n  Hint:");
        return hint < 0 ? message : message.substring(0, hint);
    }
}
