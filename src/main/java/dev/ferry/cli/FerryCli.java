package dev.ferry.cli;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code ferry <verb> …}. Wires picocli to the {@link Terminal}, and turns every failure into one
 * line on standard err and an exit code: 0 done, 1 a check failed, 2 usage or plan error, 3 runtime failure.
 */
public final class FerryCli {

    static final String LOG_HINT = "The log is at ~/.ferry/logs/ferry.log; run with --verbose for details.";
    private static final Logger LOG = LoggerFactory.getLogger(FerryCli.class);

    private FerryCli() {
    }

    /** Runs the CLI on the process's own terminal and returns its exit code. */
    public static int execute(String... args) {
        return execute(Terminal.system(), args);
    }

    /** Runs the CLI on the given terminal (tests pass their own) and returns its exit code. */
    public static int execute(Terminal terminal, String... args) {
        int code = commandLine(terminal).execute(args);
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    static CommandLine commandLine(Terminal terminal) {
        CommandLine cl = new CommandLine(new FerryCommand(), new VerbFactory(terminal));
        cl.setOut(terminal.out());
        cl.setErr(terminal.err());
        cl.setParameterExceptionHandler((ex, args) -> usageError(ex, terminal.err()));
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> failure(ex, cmd, terminal.err()));
        return cl;
    }

    private static int usageError(ParameterException ex, PrintWriter err) {
        CommandLine cmd = ex.getCommandLine();
        err.println("ferry: " + Secrets.redact(ex.getMessage()));
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int failure(Exception ex, CommandLine cmd, PrintWriter err) {
        boolean verbose = cmd.getCommand() instanceof Verb verb && verb.verbose();
        int code;
        if (ex instanceof ParameterException pe) {
            return usageError(pe, err);
        } else if (ex instanceof FerryException fe) {
            LOG.warn("{} failed: {}", cmd.getCommandSpec().qualifiedName(), Secrets.redact(fe.getMessage()), fe);
            err.println("ferry: " + Secrets.redact(fe.getMessage()));
            code = fe.exitCode();
        } else if (ex instanceof MongoSocketException || ex instanceof MongoTimeoutException) {
            // the server went away mid-verb (the engine wraps failures to connect, not losses later on)
            LOG.warn("{} lost the connection", cmd.getCommandSpec().qualifiedName(), ex);
            err.println("ferry: Lost the connection to MongoDB: " + firstLine(Secrets.redact(String.valueOf(
                    ex.getMessage()))) + ". Check that the server is still up; a run resumes from its last checkpoint"
                    + " when started again.");
            code = 3;
        } else {
            LOG.error("{} failed unexpectedly", cmd.getCommandSpec().qualifiedName(), ex);
            String what = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println("ferry: unexpected error: " + firstLine(Secrets.redact(what)) + ". " + LOG_HINT);
            code = 3;
        }
        if (verbose) {
            StringWriter trace = new StringWriter();
            ex.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.redact(trace.toString()));
        }
        err.flush();
        return code;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Creates commands through picocli and hands each verb the terminal. */
    private record VerbFactory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K created = CommandLine.defaultFactory().create(cls);
            if (created instanceof Verb verb) {
                verb.attach(terminal);
            }
            return created;
        }
    }
}
