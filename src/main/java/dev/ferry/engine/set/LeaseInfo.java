package dev.ferry.engine.set;

import java.time.Instant;
import org.bson.Document;

/** Who holds a database's set lease, what for, and when it expires if that holder died. */
public record LeaseInfo(String owner, String operator, String host, String doing, Instant acquiredAt,
                        Instant heartbeatAt, Instant expiresAt) {

    public static LeaseInfo of(Document lease) {
        return new LeaseInfo(lease.getString("owner"), lease.getString("operator"), lease.getString("host"),
                lease.getString("runId"), instant(lease, "acquiredAt"), instant(lease, "heartbeatAt"),
                instant(lease, "expiresAt"));
    }

    private static Instant instant(Document d, String field) {
        return d.getDate(field) == null ? null : d.getDate(field).toInstant();
    }
}
