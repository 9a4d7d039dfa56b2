package dev.ferry.engine;

import dev.ferry.FerryException;
import java.time.Duration;
import java.time.Instant;

/** Another process holds the plan's lease: it names the holder and when the lease expires if that holder died. */
public final class LeaseHeldException extends FerryException {

    private final String holder;
    private final Instant expiresAt;

    /**
     * @param holder    the lease owner (one acquisition by one process)
     * @param runId     the run the holder works on; null when it has not opened one yet
     * @param heartbeat the holder's last renewal, or null
     * @param expires   when the lease expires if the holder stops renewing it, or null
     */
    public LeaseHeldException(String plan, String holder, String operator, String host, String runId,
                              Instant heartbeat, Instant expires) {
        super(describe(plan, operator, host, runId, heartbeat, expires));
        this.holder = holder;
        this.expiresAt = expires;
    }

    public String holder() {
        return holder;
    }

    /** When the lease expires if its holder stops renewing it; null when unknown. */
    public Instant expiresAt() {
        return expiresAt;
    }

    private static String describe(String plan, String operator, String host, String runId, Instant heartbeat,
                                   Instant expires) {
        long ago = heartbeat == null ? -1 : Duration.between(heartbeat, Instant.now()).toSeconds();
        return "Plan " + plan + " is being run by " + operator + " on " + host
                + (runId == null ? " (opening its run" : " (run " + runId) + ", last heartbeat " + ago + " s ago)."
                + " Wait for it to finish; if that process died, its lease expires at "
                + (expires == null ? "?" : expires) + " and the next run takes over from its last checkpoint.";
    }
}
