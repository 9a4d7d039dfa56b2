package dev.ferry.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A folder of versioned migration files, in version order. The folder's name names the set in the history, so the
 * same set applied to two databases, or two sets in one database, never mix.
 */
public record MigrationSet(String name, Path dir, List<MigrationFile> files) {

    public MigrationSet {
        files = List.copyOf(files);
    }

    public Optional<MigrationFile> file(long version) {
        return files.stream().filter(f -> f.version() == version).findFirst();
    }

    /**
     * A version as an operator writes it: {@code 3}, {@code 003}, {@code V003} or a file name starting so.
     *
     * @throws IllegalArgumentException when it is none of those
     */
    public static long parseVersion(String text) {
        String t = text.strip();
        if (t.toUpperCase(Locale.ROOT).startsWith("V")) {
            t = t.substring(1);
        }
        int end = t.indexOf("__");
        if (end >= 0) {
            t = t.substring(0, end);
        }
        if (!t.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("'" + text + "' is not a version: write it as 3, 003 or V003");
        }
        return Long.parseLong(t);
    }
}
