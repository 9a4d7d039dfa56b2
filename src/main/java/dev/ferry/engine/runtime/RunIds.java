package dev.ferry.engine.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** How every engine names a run and how long a run's lease lives, so the journals of all plan kinds agree. */
public final class RunIds {

    /** How long a lease lives without a heartbeat; {@code -Dferry.lease.ttl.seconds} overrides the 60 s. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(Long.getLong("ferry.lease.ttl.seconds", 60));

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private RunIds() {
    }

    /** {@code run-20261207-111532-3f9a1c}: sortable by start (UTC), unique by its random tail. */
    public static String newRunId() {
        return "run-" + STAMP.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
