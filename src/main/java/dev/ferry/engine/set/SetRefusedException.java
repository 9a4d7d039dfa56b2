package dev.ferry.engine.set;

import dev.ferry.FerryException;

/** A set run refused before changing anything: exit code 3 (or 2 for a version that does not exist). */
public final class SetRefusedException extends FerryException {

    public SetRefusedException(String message) {
        super(message);
    }

    private SetRefusedException(String message, int exitCode) {
        super(message, exitCode, null);
    }

    public static SetRefusedException badInput(String message) {
        return new SetRefusedException(message, 2);
    }
}
