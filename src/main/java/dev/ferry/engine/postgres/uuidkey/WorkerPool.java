package dev.ferry.engine.postgres.uuidkey;

import dev.ferry.engine.postgres.FailedTransaction;

import dev.ferry.engine.RunControl;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs jobs on a few connections of their own (auto-commit off, larger maintenance memory for index builds), taking
 * the next job from a shared queue; stops taking jobs when the operator pauses or cancels. The first failure stops
 * the others (after their current job) and is rethrown once all have ended.
 */
final class WorkerPool {

    private final ConversionRun run;

    WorkerPool(ConversionRun run) {
        this.run = run;
    }

    interface Job<T> {
        void run(Connection connection, T item) throws SQLException;
    }

    /** True when every item was done; false when stopped early by the run control. */
    <T> boolean each(List<T> items, Job<T> job) throws SQLException {
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        int workers = Math.max(1, Math.min(run.workers(), items.size()));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "ferry-pg-worker");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(() -> {
                    try (Connection c = run.store().newConnection()) {
                        try (Statement s = c.createStatement()) {
                            s.execute("SET maintenance_work_mem = '256MB'");
                            s.execute("SET row_security = off"); // fail rather than copy only the rows policies show
                        }
                        c.setAutoCommit(false);
                        T item;
                        while (run.control().requested() == RunControl.Request.NONE && (item = queue.poll()) != null) {
                            try {
                                job.run(c, item);
                            } catch (SQLException | RuntimeException e) {
                                queue.clear();
                                FailedTransaction.rollback(c, e);
                                throw e;
                            }
                        }
                    }
                    return null;
                }));
            }
            // Every worker ends before the first failure is rethrown: a retry must not start while an old worker
            // could still commit a batch that the retry would then copy again.
            ExecutionException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    first = first == null ? e : first;
                }
            }
            if (first != null) {
                throw first;
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the workers", e);
        } finally {
            pool.shutdownNow();
        }
        return queue.isEmpty() && run.control().requested() == RunControl.Request.NONE;
    }
}
