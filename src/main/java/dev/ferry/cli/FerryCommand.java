package dev.ferry.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the verbs. Without a verb it prints the usage and exits with 2. */
@Command(name = "ferry", mixinStandardHelpOptions = true, versionProvider = FerryCommand.Version.class,
        scope = CommandLine.ScopeType.INHERIT, // every verb gets --help, and the exit codes below
        description = "Plan-driven data migrations: assess, preview, dry-run, run, validate, roll back.%n"
                + "Without arguments, ferry.jar opens the console.",
        subcommands = {DemoCommand.class, AssessCommand.class, PlanCommand.class, PreviewCommand.class,
            DryRunCommand.class, RunCommand.class, ValidateCommand.class, RollbackCommand.class, StatusCommand.class,
            HistoryCommand.class, PauseCommand.class, ResumeCommand.class, CancelCommand.class, SetCommand.class,
            BenchCommand.class, PgCommand.class},
        footer = {"", "Exit codes: 0 done / all checks passed; 1 a check failed, or the run stopped",
            "before the end (resumable); 2 usage or plan error; 3 runtime failure."})
final class FerryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return Verb.USAGE;
    }

    /** {@code --version}: the Implementation-Version the build writes into the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FerryCommand.class.getPackage().getImplementationVersion();
            return new String[] {"Ferry " + (version == null ? "(development build, not from ferry.jar)" : version)};
        }
    }
}
