package dev.ferry.store;

import java.time.Duration;
import java.util.Optional;

/**
 * How hard a target database is pressed by what is written to it, as its server reports it: how far its replicas
 * lag behind, how fast it writes its log. One implementation per store ({@code PostgresPressure},
 * {@code MongoPressure}); what a server does not report is said, never guessed.
 */
public interface TargetPressure {

    /** One reading: each part empty when the server does not report it; {@code unmeasured} says which and why. */
    record Reading(Optional<Duration> replicaLag, Optional<Double> logBytesPerSecond, String unmeasured) { }

    Reading read();

    /** No target to watch (a plan without throttle limits). */
    TargetPressure NONE = () -> new Reading(Optional.empty(), Optional.empty(), "");
}
