package dev.ferry.service;

import dev.ferry.profile.FerryHome;

import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failure into the words a person reads in the screen where it happened: Ferry's own errors already say what
 * happened and what to do; anything else is logged in full and summarised with the log file's path, never a stack
 * trace in a dialog.
 */
public final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    public static String describe(String what, Throwable error) {
        Throwable root = error;
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof FerryException) {
                return Secrets.redact(t.getMessage());
            }
            root = t;
        }
        LOG.error("{} failed unexpectedly", what, error);
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : Secrets.redact(root.getMessage());
        return what + " failed: " + message + ". The details are in " + logFile() + ".";
    }

    static String logFile() {
        return FerryHome.logFile().toString();
    }
}
