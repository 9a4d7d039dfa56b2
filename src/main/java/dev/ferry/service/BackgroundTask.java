package dev.ferry.service;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * A piece of engine work for the {@link TaskExecutor}: what it is called (for the log pane), the work itself (run off
 * the UI thread), and what to do with its result or its failure (run on the UI thread).
 */
public final class BackgroundTask<T> {

    private final String name;
    private final Callable<T> work;
    private Consumer<T> onSuccess = result -> { };
    private Consumer<Throwable> onFailure = error -> { };
    private Runnable onFinally = () -> { };

    private BackgroundTask(String name, Callable<T> work) {
        this.name = Objects.requireNonNull(name);
        this.work = Objects.requireNonNull(work);
    }

    public static <T> BackgroundTask<T> of(String name, Callable<T> work) {
        return new BackgroundTask<>(name, work);
    }

    public BackgroundTask<T> onSuccess(Consumer<T> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    /** Runs after success or failure, on the UI thread (e.g. to clear a busy flag). */
    public BackgroundTask<T> onFinally(Runnable action) {
        this.onFinally = Objects.requireNonNull(action);
        return this;
    }

    public String name() {
        return name;
    }

    T call() throws Exception {
        return work.call();
    }

    void succeeded(T result) {
        try {
            onSuccess.accept(result);
        } finally {
            onFinally.run();
        }
    }

    void failed(Throwable error) {
        try {
            onFailure.accept(error);
        } finally {
            onFinally.run();
        }
    }
}
