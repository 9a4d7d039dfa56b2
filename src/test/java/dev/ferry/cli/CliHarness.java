package dev.ferry.cli;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the CLI on a captured terminal: what it printed on out and err, and its exit code. */
final class CliHarness {

    record Result(int code, String out, String err) { }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Terminal terminal;

    CliHarness(Map<String, String> env, boolean interactive, String stdin) {
        terminal = new Terminal(new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader(stdin)), interactive, env::get);
    }

    static Result run(String... args) {
        return new CliHarness(Map.of(), false, "").execute(args);
    }

    Terminal terminal() {
        return terminal;
    }

    Result execute(String... args) {
        int code = FerryCli.execute(terminal, args);
        return new Result(code, out.toString(), err.toString());
    }

    Result execute(CommandLine cl, String... args) {
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
