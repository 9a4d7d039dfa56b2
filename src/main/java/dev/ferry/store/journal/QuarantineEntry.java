package dev.ferry.store.journal;

import java.util.List;
import org.bson.Document;

/**
 * One record that could not be migrated.
 *
 * @param key    its source key, any BSON value
 * @param reason every error in one line
 * @param errors one line per failing field
 * @param source the source record as read (too large a record is left out, and the entry says so)
 */
public record QuarantineEntry(Object key, String reason, List<String> errors, Document source) {

    public QuarantineEntry {
        errors = List.copyOf(errors);
    }
}
