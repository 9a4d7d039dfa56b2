package dev.ferry.cli;

import dev.ferry.FerryException;

/** The command line asks for something that cannot be done as given: exit code 2, nothing changed. */
final class CliUsageException extends FerryException {
    CliUsageException(String message) {
        super(message, 2, null);
    }
}
