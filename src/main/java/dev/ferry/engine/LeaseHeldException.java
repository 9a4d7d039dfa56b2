package dev.ferry.engine;

import dev.ferry.FerryException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/** Another process holds the plan's lease: it names the holder and when the lease expires if that holder died. */
public final class LeaseHeldException extends FerryException {

    private final String holder;

    public LeaseHeldException(String plan, Document lease) {
        super(describe(plan, lease));
        this.holder = lease.getString("owner");
    }

    public String holder() {
        return holder;
    }

    private static String describe(String plan, Document lease) {
        Date heartbeat = lease.getDate("heartbeatAt");
        Date expires = lease.getDate("expiresAt");
        long ago = heartbeat == null ? -1 : Duration.between(heartbeat.toInstant(), Instant.now()).toSeconds();
        return "Plan " + plan + " is being run by " + lease.getString("operator") + " on " + lease.getString("host")
                + " (run " + lease.getString("runId") + ", last heartbeat " + ago + " s ago). Wait for it to finish;"
                + " if that process died, its lease expires at " + (expires == null ? "?" : expires.toInstant())
                + " and the next run takes over from its last checkpoint.";
    }
}
