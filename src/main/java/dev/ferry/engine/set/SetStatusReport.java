package dev.ferry.engine.set;

import java.util.List;

/**
 * {@code set list} / {@code set status}: every version with its state, the version the database is at, and who
 * holds the set lease (null when nobody does).
 */
public record SetStatusReport(String set, String database, List<VersionStatus> versions, LeaseInfo lease) {

    public SetStatusReport {
        versions = List.copyOf(versions);
    }

    /** The highest completed version's label, or "none". */
    public String current() {
        return versions.stream().filter(VersionStatus::completed).reduce((a, b) -> b).map(VersionStatus::label)
                .orElse("none");
    }

    public long count(String status) {
        return versions.stream().filter(v -> v.status().equals(status)).count();
    }

    public boolean anyMismatch() {
        return versions.stream().anyMatch(VersionStatus::checksumMismatch);
    }
}
