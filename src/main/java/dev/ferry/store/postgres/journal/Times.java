package dev.ferry.store.postgres.journal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from timestamptz (microseconds; Ferry's instants are milliseconds). */
final class Times {

    private Times() {
    }

    static OffsetDateTime of(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    static OffsetDateTime now() {
        return of(Instant.now());
    }

    /** Binds an instant (null: SQL NULL of timestamptz). */
    static void set(PreparedStatement s, int i, Instant at) throws SQLException {
        if (at == null) {
            s.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(i, of(at));
        }
    }

    static Instant instant(ResultSet r, String column) throws SQLException {
        OffsetDateTime at = r.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
