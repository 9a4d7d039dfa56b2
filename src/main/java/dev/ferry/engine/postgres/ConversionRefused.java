package dev.ferry.engine.postgres;

import dev.ferry.FerryException;

/** The conversion will not start (or go on): what is wrong and what to do, for a person. Exit code 1. */
public final class ConversionRefused extends FerryException {

    public ConversionRefused(String message) {
        super(message, 1, null);
    }
}
