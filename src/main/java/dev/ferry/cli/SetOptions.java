package dev.ferry.cli;

import dev.ferry.plan.MigrationSet;
import dev.ferry.plan.MigrationSetLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dir SET}: the folder of versioned migration files. */
final class SetOptions {

    @Option(names = "--dir", paramLabel = "SET", required = true,
            description = "the migration set: a folder of V<version>__<description>.yaml files (e.g. sets/earlybird)")
    Path dir;

    MigrationSet load() {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw new CliUsageException("Migration set folder not found: " + abs + ". Check the path given to --dir.");
        }
        return MigrationSetLoader.load(dir);
    }
}
