package dev.ferry.engine.set;

import java.util.List;

/** What {@code set repair} accepted: each version whose changed file's checksum now stands in the history. */
public record RepairReport(String set, String database, List<Accepted> accepted) {

    public RepairReport {
        accepted = List.copyOf(accepted);
    }

    public record Accepted(String label, String script, String oldChecksum, String newChecksum) { }
}
