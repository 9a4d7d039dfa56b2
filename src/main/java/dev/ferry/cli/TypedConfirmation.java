package dev.ferry.cli;

import java.io.PrintWriter;

/**
 * A typed confirmation for something that changes data or takes a lock away: the operator types a name shown in
 * the prompt. Without a terminal to type on, only {@code --yes} confirms; nothing is ever assumed.
 */
final class TypedConfirmation {

    private TypedConfirmation() {
    }

    /**
     * Returns normally when the action may go ahead; throws a usage error (exit 2, nothing changed) otherwise.
     *
     * @param what    "the rollback", "releasing the lease": for the prompt and the refusals
     * @param withYes the command that goes ahead without the prompt, shown when there is no terminal
     */
    static void confirm(Terminal terminal, PrintWriter prompt, String what, String expected, boolean yes,
                        String withYes) {
        if (yes) {
            return;
        }
        if (!terminal.interactive()) {
            throw new CliUsageException("Not confirmed: there is no terminal to type '" + expected + "' on (input or"
                    + " output is redirected). Nothing was changed." + System.lineSeparator()
                    + "To go ahead from a script, repeat the command with --yes:" + System.lineSeparator()
                    + "  " + withYes);
        }
        prompt.print("Type '" + expected + "' to confirm " + what + ": ");
        prompt.flush();
        String typed = terminal.readLine();
        if (typed == null) {
            prompt.println();
            prompt.flush();
        }
        if (typed == null || !typed.strip().equals(expected)) {
            throw new CliUsageException("Aborted: you typed '" + (typed == null ? "" : typed.strip()) + "', not '"
                    + expected + "'. Nothing was changed.");
        }
    }

    /** A command-line argument quoted for a POSIX shell when it needs it. */
    static String quoted(String arg) {
        return arg.matches("[\\w@%+=:,./-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
