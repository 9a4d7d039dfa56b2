package dev.ferry.cli;

import dev.ferry.engine.MigrationEngine;
import dev.ferry.engine.connect.Engines;
import dev.ferry.plan.MigrationPlan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * A CLI verb: a picocli command that returns its exit code. {@link FerryCli} hands each one the {@link Terminal}
 * before it runs. To add a verb, extend this, annotate it with {@code @Command(name = …)}, and list it in
 * {@link FerryCommand}'s subcommands.
 */
abstract class Verb implements Callable<Integer> {

    static final int OK = 0;
    static final int CHECK_FAILED = 1;
    static final int USAGE = 2;
    static final int FAILURE = 3;

    @Mixin
    OutputOptions output = new OutputOptions();

    private Terminal terminal;

    final void attach(Terminal terminal) {
        this.terminal = terminal;
    }

    final Terminal terminal() {
        return terminal;
    }

    final PrintWriter out() {
        return terminal.out();
    }

    /** Where lines for a person go: standard out, or standard err when {@code --json} keeps standard out for the result. */
    final PrintWriter notes() {
        return output.json ? terminal.err() : terminal.out();
    }

    final boolean json() {
        return output.json;
    }

    final boolean verbose() {
        return output.verbose;
    }

    /** The database of {@code --uri} (which keeps the journal), plus the other one of a cross-store plan. */
    final MigrationEngine connect(DatabaseOptions database) {
        return Engines.connect(database.resolve(terminal), database.other(terminal));
    }

    /**
     * Live progress for an engine job on {@code plan}, in its kind's words: a bar on a terminal, else one line per
     * batch. Close it when the job returns.
     */
    final CliProgress progress(EngineJob job, MigrationPlan plan) {
        return CliProgress.open(terminal, output.json, job, plan);
    }

    final void printJson(Object result) {
        out().println(JsonOutput.write(result));
        out().flush();
    }
}
