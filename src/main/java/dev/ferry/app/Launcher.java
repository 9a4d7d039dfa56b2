package dev.ferry.app;

import dev.ferry.cli.FerryCli;

/**
 * The entry point of {@code ferry.jar}: no arguments opens the console, a verb runs the CLI.
 * A plain class, because a main class that extends {@code Application} cannot start from the class path.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            FerryApp.launchConsole(args);
        } else {
            System.exit(FerryCli.execute(args));
        }
    }
}
