package dev.ferry.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.function.UnaryOperator;

/**
 * Where the CLI talks to the operator: standard out and err, the keyboard, and the environment. Tests pass their
 * own, so no verb reads {@code System.in}, {@code System.console()} or {@code System.getenv} itself.
 *
 * @param interactive true when a person sits at a terminal (both ends are a console): prompts and a progress bar
 */
public record Terminal(PrintWriter out, PrintWriter err, BufferedReader in, boolean interactive,
                       UnaryOperator<String> env) {

    public static Terminal system() {
        Charset cs = Charset.defaultCharset();
        return new Terminal(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                new BufferedReader(new InputStreamReader(System.in, cs)), System.console() != null, System::getenv);
    }

    /** One line typed by the operator, or null at end of input. */
    public String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A password typed by the operator without echo where there is a console; null at end of input. */
    public String readSecret(String prompt) {
        java.io.Console console = interactive ? System.console() : null;
        if (console != null) {
            char[] typed = console.readPassword("%s", prompt);
            return typed == null ? null : new String(typed);
        }
        err.print(prompt);
        err.flush();
        return readLine();
    }
}
