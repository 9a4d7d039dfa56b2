package dev.ferry.plan;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** MongoDB's rules for collection names and key paths, checked when the plan loads rather than failing mid-run. */
final class MongoNames {

    /** MongoDB limits database + "." + collection to 255 bytes (235 when sharded); leave room for the database. */
    static final int MAX_COLLECTION_BYTES = 200;

    private MongoNames() {
    }

    /** Why {@code name} cannot name a MongoDB collection, or empty when it can. */
    static Optional<String> collectionProblem(String name) {
        if (name.isBlank()) {
            return Optional.of("a collection name cannot be empty");
        }
        if (name.indexOf('\0') >= 0) {
            return Optional.of("a collection name cannot contain the NUL character");
        }
        if (name.indexOf('$') >= 0) {
            return Optional.of("a collection name cannot contain '$': '" + name + "'");
        }
        if (name.startsWith("system.")) {
            return Optional.of("'" + name + "' is a MongoDB system collection (system.*); choose another name");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_COLLECTION_BYTES) {
            return Optional.of("a collection name of " + bytes + " bytes is too long: MongoDB allows about "
                    + MAX_COLLECTION_BYTES + " with the database name");
        }
        return Optional.empty();
    }

    /** Why {@code path} cannot be the key that a MongoDB source is sorted and paged on, or empty when it can. */
    static Optional<String> keyProblem(String path) {
        if (path.isBlank() || path.indexOf('\0') >= 0 || path.startsWith("$") || path.contains("..")
                || path.startsWith(".") || path.endsWith(".")) {
            return Optional.of("'" + path + "' cannot be a key: give a field path such as _id or meta.id (no empty"
                    + " parts, no leading '$', no NUL)");
        }
        return Optional.empty();
    }
}
