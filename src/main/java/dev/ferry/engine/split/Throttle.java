package dev.ferry.engine.split;

import dev.ferry.engine.RunControl;
import dev.ferry.format.HumanFormat;
import dev.ferry.plan.ThrottleSpec;
import dev.ferry.store.TargetPressure;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows a run while its target is under pressure: after each batch it asks the target (at most every
 * {@link ThrottleSpec#checkEvery()}), doubles its wait between batches while a limit is exceeded — up to the slowest
 * pace, {@link ThrottleSpec#maxDelay()} — and halves it once the target is back under, down to none. Each change of
 * state is said once in words ("throttled: replica lag 12 s > 5 s") to whoever shows and journals it. Shared by the
 * workers of one run, thread-safe.
 */
final class Throttle {

    static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(Throttle.class);

    private final ThrottleSpec spec;
    private final TargetPressure target;
    private final BiConsumer<String, String> say;
    private volatile String runId;
    private Duration delay = Duration.ZERO;
    private long lastCheck;
    private String state = "";
    private boolean saidUnmeasured;

    /** @param say receives each change of state in words (run id, message): the reason, or "" once it lets go */
    Throttle(ThrottleSpec spec, TargetPressure target, BiConsumer<String, String> say) {
        this.spec = spec == null ? ThrottleSpec.none() : spec;
        this.target = target;
        this.say = say;
    }

    static Throttle none() {
        return new Throttle(ThrottleSpec.none(), TargetPressure.NONE, (r, s) -> { });
    }

    /** The run the throttle slows, once open: its changes of state are said about it. */
    Throttle forRun(String runId) {
        this.runId = runId;
        return this;
    }

    /** After a batch: asks the target when it is time, then waits the current delay (less if the run is stopped). */
    void afterBatch(RunControl control) {
        Duration wait = adjust();
        if (!wait.isZero()) {
            control.sleep(wait);
        }
    }

    /** The wait between batches now. */
    synchronized Duration delay() {
        return delay;
    }

    private synchronized Duration adjust() {
        if (!spec.watches() || System.nanoTime() - lastCheck < spec.checkEvery().toNanos()) {
            return delay;
        }
        lastCheck = System.nanoTime();
        TargetPressure.Reading r = target.read();
        if (!r.unmeasured().isEmpty() && !saidUnmeasured) {
            saidUnmeasured = true;
            LOG.warn("throttle: {}", r.unmeasured());
            say.accept(runId, "throttle cannot watch: " + r.unmeasured());
        }
        String over = over(r);
        if (over != null) {
            Duration doubled = delay.isZero() ? FIRST_DELAY : delay.multipliedBy(2);
            delay = doubled.compareTo(spec.maxDelay()) > 0 ? spec.maxDelay() : doubled;
        } else if (!delay.isZero()) {
            delay = delay.dividedBy(2);
            delay = delay.compareTo(FIRST_DELAY) < 0 ? Duration.ZERO : delay;
        }
        String now = over != null ? "throttled: " + over + (delay.equals(spec.maxDelay()) ? " (slowest pace, "
                : " (waiting ") + HumanFormat.duration(delay) + " between batches)" : delay.isZero() ? "" : state;
        if (!now.equals(state)) {
            state = now;
            LOG.info("{}", now.isEmpty() ? "throttle released: the target is back under its limits" : now);
            say.accept(runId, now);
        }
        return delay;
    }

    /** "replica lag 12 s > 5 s", or null when under every limit. */
    private String over(TargetPressure.Reading r) {
        if (spec.maxReplicaLag() != null && r.replicaLag().isPresent()
                && r.replicaLag().get().compareTo(spec.maxReplicaLag()) > 0) {
            return "replica lag " + seconds(r.replicaLag().get()) + " > " + seconds(spec.maxReplicaLag());
        }
        if (spec.maxWalPerSecond() != null && r.logBytesPerSecond().isPresent()
                && r.logBytesPerSecond().get() > spec.maxWalPerSecond()) {
            return "WAL " + HumanFormat.bytes(r.logBytesPerSecond().get().longValue()) + "/s > "
                    + HumanFormat.bytes(spec.maxWalPerSecond()) + "/s";
        }
        return null;
    }

    private static String seconds(Duration d) {
        double s = d.toMillis() / 1000.0;
        return (s >= 10 || s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f", s)
                : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }
}
