package dev.ferry.engine.runtime;

import dev.ferry.FerryException;
import dev.ferry.engine.LeaseHeldException;
import dev.ferry.store.journal.Lease;
import dev.ferry.store.journal.LeaseRecord;
import dev.ferry.store.journal.Leases;
import java.util.Optional;

/**
 * Takes a plan's lease for this process: at once when it is free, expired, or held by a process of this host that is
 * gone (killed, crashed: its process id no longer runs, or runs another process); refused, naming the holder, while a
 * live process holds it or one on another host does (Ferry cannot see that host's processes: its lease must expire).
 */
public final class LeaseTaking {

    private static final int ATTEMPTS = 3;

    /**
     * The lease, taken.
     *
     * @param previous     who held it last (its lease expired, or its process is gone); null when it was free
     * @param previousGone true when the previous holder's process is known to be gone
     */
    public record Taken(LeaseRecord previous, boolean previousGone) {

        /** True when {@code owner} held the lease last and its process is gone: nothing of it can write any more. */
        public boolean gone(String owner) {
            return previousGone && previous != null && previous.owner().equals(owner);
        }

        /** What happened to the previous holder, for people; empty when the lease was free or simply expired. */
        public String note() {
            if (!previousGone || previous == null) {
                return "";
            }
            return "took over at once from " + previous.operator() + "'s process " + previous.pid() + " on "
                    + previous.host() + ", which is no longer running";
        }
    }

    private LeaseTaking() {
    }

    /** @param runId the run the lease is for, or null while it is not known yet */
    public static Taken take(Leases leases, Lease lease, String plan, String runId, Identity me) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<LeaseRecord> before = leases.last(plan).filter(l -> !l.owner().equals(lease.owner()));
            Optional<LeaseRecord> holder = lease.tryAcquire(runId, me.process());
            if (holder.isEmpty()) {
                LeaseRecord previous = before.orElse(null);
                return new Taken(previous, previous != null && HolderLiveness.of(previous, me) == HolderLiveness.GONE);
            }
            LeaseRecord h = holder.get();
            HolderLiveness liveness = HolderLiveness.of(h, me);
            if (liveness != HolderLiveness.GONE) {
                throw new LeaseHeldException(plan, h.owner(), h.operator(), h.host(), h.runId(), h.heartbeatAt(),
                        h.expiresAt(), h.pid(), liveness == HolderLiveness.ALIVE);
            }
            if (lease.takeOver(h.owner(), runId, me.process())) {
                return new Taken(h, true);
            }
            // another process took it from the dead holder first: look again
        }
        throw new FerryException("The lease on " + plan + " changed hands " + ATTEMPTS + " times while this process"
                + " tried to take it; run the command again.");
    }
}
