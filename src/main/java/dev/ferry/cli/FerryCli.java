package dev.ferry.cli;

/** The command line: {@code ferry <verb> …}. */
public final class FerryCli {
    private FerryCli() {
    }

    /** Runs the CLI and returns its exit code: 0 done, 1 a check failed, 2 usage or plan error, 3 runtime failure. */
    public static int execute(String... args) {
        return 2;
    }
}
