package dev.ferry;

/**
 * An error a person will read: what happened, where, and what to do. Never carries a secret.
 * The CLI prints {@link #getMessage()} and exits with {@link #exitCode()}; the console shows it in place.
 */
public class FerryException extends RuntimeException {
    /** Exit code of the CLI: 2 usage or plan error, 3 runtime failure. */
    private final int exitCode;

    public FerryException(String message) {
        this(message, 3, null);
    }

    public FerryException(String message, Throwable cause) {
        this(message, 3, cause);
    }

    protected FerryException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A usage error (exit code 2): bad input the operator can fix, such as a malformed address. */
    public static FerryException usage(String message) {
        return new FerryException(message, 2, null);
    }

    public int exitCode() {
        return exitCode;
    }
}
