package dev.ferry.engine;

import dev.ferry.FerryException;
import dev.ferry.format.HumanFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * Another process holds the plan's lease: it names the holder (who, on which host, which process, which run), and
 * says whether that process is still running (Ferry can see only its own host's processes) or when its lease expires
 * if it died. Never says "null": what the lease does not record is said in words.
 */
public final class LeaseHeldException extends FerryException {

    private final String holder;
    private final String operator;
    private final String host;
    private final String runId;
    private final long pid;
    private final Instant heartbeat;
    private final Instant expires;
    private final boolean runningHere;

    /**
     * @param holder      the lease owner (one acquisition by one process)
     * @param runId       the run the holder works on; null when it has not opened one yet
     * @param heartbeat   the holder's last renewal, or null
     * @param expires     when the lease expires if the holder stops renewing it, or null
     * @param pid         the holder's process id on its host; 0 when the lease does not record it
     * @param runningHere true when the holder is on this host and its process is running
     */
    public LeaseHeldException(String plan, String holder, String operator, String host, String runId,
                              Instant heartbeat, Instant expires, long pid, boolean runningHere) {
        super(describe(plan, operator, host, runId, heartbeat, expires, pid, runningHere));
        this.holder = holder;
        this.operator = operator;
        this.host = host;
        this.runId = runId;
        this.pid = pid;
        this.heartbeat = heartbeat;
        this.expires = expires;
        this.runningHere = runningHere;
    }

    /** A holder whose process is not recorded. */
    public LeaseHeldException(String plan, String holder, String operator, String host, String runId,
                              Instant heartbeat, Instant expires) {
        this(plan, holder, operator, host, runId, heartbeat, expires, 0, false);
    }

    public String holder() {
        return holder;
    }

    /** The run the holder works on, or null while it opens one. */
    public String runId() {
        return runId;
    }

    /** When the lease expires if its holder stops renewing it, or null. */
    public Instant expiresAt() {
        return expires;
    }

    public boolean runningHere() {
        return runningHere;
    }

    /** The holder in a few words: "root on vm (process 1234, run run-…)". */
    public String who() {
        return (operator == null ? "someone" : operator) + " on " + (host == null ? "an unknown host" : host) + " ("
                + (pid > 0 ? "process " + pid + ", " : "") + (runId == null ? "opening its run" : "run " + runId) + ")";
    }

    private static String describe(String plan, String operator, String host, String runId, Instant heartbeat,
                                   Instant expires, long pid, boolean runningHere) {
        String who = (operator == null ? "someone" : operator) + " on " + (host == null ? "an unknown host" : host);
        String process = pid <= 0 ? "" : "process " + pid + (runningHere ? ", still running; " : " there; ");
        String beat = heartbeat == null ? "no heartbeat yet"
                : "last heartbeat " + Duration.between(heartbeat, Instant.now()).toSeconds() + " s ago";
        String head = "Plan " + plan + " is being run by " + who + " (" + process
                + (runId == null ? "opening its run" : "run " + runId) + ", " + beat + ").";
        String until = expires == null ? "once it stops renewing it"
                : "at " + HumanFormat.time(expires) + " (in " + Math.max(0, Duration.between(Instant.now(), expires)
                .toSeconds()) + " s)";
        if (runningHere) {
            return head + " Wait for it to finish (ferry status shows how far it is), or add --wait to start as soon"
                    + " as it lets go of the plan; if it hangs, stop that process: the next run takes over at once.";
        }
        String cannotSee = host == null || pid <= 0 ? " Ferry cannot tell whether that process is alive:"
                : " Ferry cannot see the processes of " + host + ":";
        return head + cannotSee + " if it died, its lease expires " + until + " and the next run takes over from its"
                + " last checkpoint; add --wait to wait for that.";
    }
}
