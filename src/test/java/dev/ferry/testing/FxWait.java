package dev.ferry.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Waits for a condition on the console, evaluated <em>on the FX thread</em>. The console's lists and properties are
 * changed on the FX thread only; a test thread reading them while they change can see a torn list (a
 * ConcurrentModificationException from a stream over a table's rows failed CI once). A condition that throws
 * (an index not there yet) counts as "not yet"; on timeout its last exception is the cause.
 */
public final class FxWait {

    private static final long POLL_MILLIS = 50;

    private FxWait() {
    }

    public static void until(long seconds, BooleanSupplier condition) throws TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        RuntimeException last = null;
        while (true) {
            try {
                if (onFx(condition)) {
                    return;
                }
                last = null;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                TimeoutException timeout = new TimeoutException("the condition was not met within " + seconds + " s"
                        + (last == null ? "" : "; its last evaluation threw " + last));
                if (last != null) {
                    timeout.initCause(last);
                }
                throw timeout;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting", e);
            }
        }
    }

    /** Evaluates {@code condition} on the FX thread and returns its value; its exception is rethrown here. */
    public static boolean onFx(BooleanSupplier condition) {
        try {
            return call(condition::getAsBoolean);
        } catch (TimeoutException e) {
            return false; // a busy FX thread (a chart repaint on a loaded machine) is "not yet", not a failure
        }
    }

    /**
     * Reads a value on the FX thread: copy a table's items or a chart's points here ({@code List.copyOf(...)}) before
     * asserting on them from the test thread.
     */
    public static <T> T read(Supplier<T> value) {
        try {
            return call(value);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within 30 s", e);
        }
    }

    private static <T> T call(Supplier<T> value) throws TimeoutException {
        if (Platform.isFxApplicationThread()) {
            return value.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(value.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
