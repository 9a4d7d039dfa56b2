package dev.ferry.engine.runtime;

import dev.ferry.engine.RunControl;

import dev.ferry.store.Secrets;
import dev.ferry.store.journal.Lease;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews a held lease in the background (every third of its time to live) and releases it at the end. If the lease
 * is lost — this process stalled past its expiry and another took over — the run is cancelled at the next batch.
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Lease lease;
    private final ScheduledExecutorService timer;

    public LeaseKeeper(Lease lease, RunControl control) {
        this.lease = lease;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(200, lease.ttl().toMillis() / 3);
        long[] lastRenewed = {System.nanoTime()};
        timer.scheduleAtFixedRate(() -> {
            try {
                if (!lease.heartbeat()) {
                    LOG.warn("lease lost: another process took over the plan; stopping after this batch");
                    control.cancel("the lease was lost to another process");
                    return;
                }
                lastRenewed[0] = System.nanoTime();
            } catch (RuntimeException e) {
                LOG.warn("lease heartbeat failed: {}", Secrets.redact(e.getMessage()));
                if (System.nanoTime() - lastRenewed[0] > lease.ttl().toNanos()) {
                    control.cancel("the lease could not be renewed for longer than its time to live");
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            lease.release();
        } catch (RuntimeException e) {
            LOG.warn("could not release the lease; it expires by itself: {}", Secrets.redact(e.getMessage()));
        }
    }
}
