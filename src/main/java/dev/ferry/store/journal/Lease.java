package dev.ferry.store.journal;

import java.time.Duration;
import java.util.Optional;

/**
 * A lease on one plan for one owner: taken if free, expired or already the owner's; renewed by heartbeat; a holder
 * that stops renewing loses it when it expires. Every change is conditional on the owner, so a process that lost
 * its lease cannot renew or release another's.
 */
public interface Lease {

    /** Takes the lease for a process; empty when taken, else the current holder. */
    Optional<LeaseRecord> tryAcquire(String runId, HolderProcess process);

    /** Takes the lease for a process whose id and start time are not recorded. */
    default Optional<LeaseRecord> tryAcquire(String runId, String host, String operator) {
        return tryAcquire(runId, new HolderProcess(host, operator, 0, null));
    }

    /**
     * Takes the lease from {@code holder} — an owner whose process is known to be gone — only while that owner still
     * has it, whatever its expiry; false when someone else holds it by now.
     */
    boolean takeOver(String holder, String runId, HolderProcess process);

    /** Names the run this lease is for, once known (the lease is taken before the journal is read). */
    void describe(String runId);

    /** Renews the lease for another time to live; false when it is no longer this owner's. */
    boolean heartbeat();

    void release();

    String owner();

    Duration ttl();
}
