package dev.ferry.service;

import java.time.Duration;

/**
 * Where every piece of background work in the console runs (JabRef's pattern): engine jobs off the UI thread, their
 * results and periodic UI refreshes on it. The app uses {@link FxTaskExecutor}; view-model tests use
 * {@link ImmediateTaskExecutor}, which runs everything on the caller's thread so tests need no window and no waiting.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Runs the task's work in the background; then its success or failure callback on the UI thread. */
    <T> void execute(BackgroundTask<T> task);

    /** Calls {@code tick} on the UI thread every {@code period} until the returned handle is stopped. */
    Ticker every(Duration period, Runnable tick);

    /**
     * Calls {@code action} once on the UI thread after {@code delay}, unless the returned handle is stopped first: a
     * debounce (restart it on each keystroke and the action runs once typing pauses).
     */
    default Ticker after(Duration delay, Runnable action) {
        Ticker[] self = new Ticker[1];
        boolean[] fired = new boolean[1];
        self[0] = every(delay, () -> {
            if (!fired[0]) {
                fired[0] = true;
                self[0].stop();
                action.run();
            }
        });
        return self[0];
    }

    /** Stops accepting work; running tasks finish on their own (a migration run keeps its checkpoint). */
    @Override
    void close();

    /** A periodic UI refresh. */
    interface Ticker {
        void stop();
    }
}
