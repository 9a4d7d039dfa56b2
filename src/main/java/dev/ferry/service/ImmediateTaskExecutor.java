package dev.ferry.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs each task on the caller's thread and fires tickers only when asked ({@link #tick()}), so that view models can
 * be tested without a window, without threads and without waiting.
 */
public final class ImmediateTaskExecutor implements TaskExecutor {

    private final List<Runnable> tickers = new CopyOnWriteArrayList<>();

    @Override
    public <T> void execute(BackgroundTask<T> task) {
        T result;
        try {
            result = task.call();
        } catch (Exception | Error e) {
            task.failed(e);
            return;
        }
        task.succeeded(result);
    }

    @Override
    public Ticker every(Duration period, Runnable tick) {
        tickers.add(tick);
        return () -> tickers.remove(tick);
    }

    /** Fires every live ticker once, as the FX timer would after a period. */
    public void tick() {
        tickers.forEach(Runnable::run);
    }

    @Override
    public void close() {
        tickers.clear();
    }
}
