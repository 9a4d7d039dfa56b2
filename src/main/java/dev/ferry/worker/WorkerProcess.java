package dev.ferry.worker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A worker this process started: its process id, whether it still runs, and its exit code, log and result once it
 * ended. What it works on is read from the journal, not from here.
 */
public final class WorkerProcess {

    private final Process process;
    private final Path log;
    private final Path result;

    WorkerProcess(Process process, Path log, Path result) {
        this.process = process;
        this.log = log;
        this.result = result;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Its exit code, or empty while it runs. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /** Waits at most {@code limit} for it to end; its exit code, or empty when it still runs. */
    public Optional<Integer> await(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
                : Optional.empty();
    }

    /** The last lines of its log. */
    public List<String> tail(int lines) {
        return WorkerLogs.tail(log.toString(), lines);
    }

    /** What it printed as its {@code --json} result, read as {@code type}; empty when it printed none. */
    public <T> Optional<T> result(Class<T> type) {
        return WorkerResults.read(result, type);
    }
}
