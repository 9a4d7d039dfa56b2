package dev.ferry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry plan …}: verbs on a plan file alone, without a database. */
@Command(name = "plan", description = "Work on a plan file.", subcommands = PlanLintCommand.class)
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Verb.USAGE;
    }
}
