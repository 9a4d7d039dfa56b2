package dev.ferry.engine.set;

import java.time.Instant;

/** Who holds a database's set lease, what for, and when it expires if that holder died. */
public record LeaseInfo(String owner, String operator, String host, String doing, Instant acquiredAt,
                        Instant heartbeatAt, Instant expiresAt) {
}
