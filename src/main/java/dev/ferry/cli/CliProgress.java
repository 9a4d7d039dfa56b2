package dev.ferry.cli;

import dev.ferry.engine.RunListener;
import dev.ferry.plan.MigrationPlan;

/** A {@link RunListener} that shows progress to the operator; closed when the engine job returns. */
interface CliProgress extends RunListener, AutoCloseable {

    @Override
    void close();

    /** A progress bar on an interactive terminal (not with --json); otherwise one line per batch. */
    static CliProgress open(Terminal terminal, boolean json, EngineJob job, MigrationPlan plan) {
        if (terminal.interactive() && !json) {
            return new ProgressBarDisplay(terminal.out(), job, plan.kind());
        }
        return new ProgressLines(json ? terminal.err() : terminal.out(), job, plan.kind(), plan.batchSize());
    }
}
