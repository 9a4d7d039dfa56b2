package dev.ferry.engine.runtime;

import dev.ferry.store.journal.LeaseRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a lease's holder is alive, as far as this process can see: only processes of its own host can be looked
 * at. A holder on this host whose process id is not running, or runs a process started at another time (the id was
 * reused), is gone; one on another host, or one whose process id was not recorded, is unknown.
 */
public enum HolderLiveness {
    /** Its process runs on this host. */
    ALIVE,
    /** It was on this host and its process is no longer running. */
    GONE,
    /** Another host's, or not recorded: only its lease's expiry tells. */
    UNKNOWN;

    /** Start times are read from the operating system at a tick's precision: closer than this is the same start. */
    private static final Duration SAME_START = Duration.ofSeconds(1);

    public static HolderLiveness of(LeaseRecord holder, Identity me) {
        if (holder.pid() <= 0 || holder.host() == null || !holder.host().equals(me.host())) {
            return UNKNOWN;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(holder.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return GONE;
        }
        Instant started = process.get().info().startInstant().orElse(null);
        if (holder.processStart() != null && started != null
                && Duration.between(holder.processStart(), started).abs().compareTo(SAME_START) > 0) {
            return GONE; // another process has its id now
        }
        return ALIVE;
    }
}
