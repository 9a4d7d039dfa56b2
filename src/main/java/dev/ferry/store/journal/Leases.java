package dev.ferry.store.journal;

import java.time.Duration;
import java.util.Optional;

/** One lease per plan, so that two processes never run (or roll back) the same plan at once. */
public interface Leases {

    /** The lease on {@code plan} as {@code owner} (one acquisition) would hold it; not taken yet. */
    Lease lease(String plan, String owner, Duration ttl);

    /** The live (unexpired) lease on a plan, if any. */
    Optional<LeaseRecord> holder(String plan);

    /** The lease on a plan as last recorded, expired or not: who held it last, if it was not released. */
    Optional<LeaseRecord> last(String plan);

    /**
     * Releases a lease by hand, only while the same holder (the owner shown to the operator, or an earlier attempt of
     * this process) still has it: a lease taken over meanwhile is never released by mistake.
     */
    boolean releaseHeldBy(String plan, String owner);
}
