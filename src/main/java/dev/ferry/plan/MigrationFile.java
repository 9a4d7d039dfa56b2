package dev.ferry.plan;

import java.nio.file.Path;
import java.util.List;

/**
 * One versioned file of a migration set, e.g. {@code V001__add_subscription_id_to_orders.yaml}: its version, what it
 * does, the SHA-256 of its bytes (the history compares it), and its up and down operations.
 *
 * @param label the version as written in the file name ("001"), shown to people
 * @param down  the operations that undo it, as written; empty when Ferry derives the down from what the up recorded
 */
public record MigrationFile(long version, String label, String description, Path file, String checksum,
                            List<OperationSpec> up, List<OperationSpec> down) {

    public MigrationFile {
        up = List.copyOf(up);
        down = List.copyOf(down);
    }

    public String fileName() {
        return file.getFileName().toString();
    }

    /** True when the file gives its own down; otherwise the down replays what each up operation recorded. */
    public boolean explicitDown() {
        return !down.isEmpty();
    }
}
