package dev.ferry.store.journal;

import java.time.Instant;

/**
 * Who holds a plan's lease, for which run, since when, and until when if it stops renewing it.
 *
 * @param runId        null while the holder opens its run
 * @param pid          the holder's process id on {@code host}; 0 when not recorded (a lease taken by an older Ferry)
 * @param processStart when that process started, so that a process id reused since is not mistaken for it; or null
 */
public record LeaseRecord(String plan, String owner, String runId, String host, String operator, Instant acquiredAt,
                          Instant heartbeatAt, Instant expiresAt, long pid, Instant processStart) {

    /** The holder's process as the lease records it. */
    public HolderProcess process() {
        return new HolderProcess(host, operator, pid, processStart);
    }
}
