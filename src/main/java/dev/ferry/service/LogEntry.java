package dev.ferry.service;

import java.time.Instant;

/** One line of the console's log pane: errors stay here, to be reopened and copied, never only in a toast. */
public record LogEntry(Instant at, Level level, String source, String message) {

    public enum Level { INFO, WARN, ERROR }

    @Override
    public String toString() {
        return at + " " + level + " [" + source + "] " + message;
    }
}
