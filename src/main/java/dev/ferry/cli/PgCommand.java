package dev.ferry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry pg}: PostgreSQL operation plans (runbooks 002 and 003); the operations are under {@code ferry pg op}. */
@Command(name = "pg", description = "PostgreSQL operation plans: `ferry pg op OPERATION --uri jdbc:postgresql://… --plan FILE`.",
        subcommands = {PgOpCommand.class})
final class PgCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Verb.USAGE;
    }
}
