package dev.ferry.cli;

/**
 * The typed confirmation of a rollback: the operator types the plan's name, as on the console's red button.
 * Without a terminal to type on, only {@code --yes} confirms; nothing is ever assumed.
 */
final class RollbackConfirmation {

    private RollbackConfirmation() {
    }

    /** True when what was typed is the plan name (surrounding blanks ignored; case counts). */
    static boolean matches(String planName, String typed) {
        return typed != null && typed.strip().equals(planName);
    }

    /**
     * Returns normally when the rollback may go ahead; throws a usage error (exit 2, nothing changed) otherwise.
     *
     * @param prompt where the question goes (standard out, or standard err under --json)
     */
    static void confirm(Terminal terminal, java.io.PrintWriter prompt, String planName, boolean yes) {
        if (yes) {
            return;
        }
        if (!terminal.interactive()) {
            throw new CliUsageException("Rollback not confirmed: there is no terminal to type the plan name on. "
                    + "Run it in a terminal, or pass --yes to confirm. Nothing was changed.");
        }
        prompt.print("Type the plan name (" + planName + ") to confirm the rollback: ");
        prompt.flush();
        String typed = terminal.readLine();
        if (!matches(planName, typed)) {
            throw new CliUsageException("Rollback aborted: you typed '" + (typed == null ? "" : typed.strip())
                    + "', the plan is '" + planName + "'. Nothing was changed.");
        }
    }
}
