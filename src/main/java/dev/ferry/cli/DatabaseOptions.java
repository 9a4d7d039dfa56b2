package dev.ferry.cli;

import picocli.CommandLine.Option;

/** {@code --uri}: the database to work on, named in the connection string's path; falls back to {@code $FERRY_URI}. */
final class DatabaseOptions {

    static final String ENV = "FERRY_URI";

    @Option(names = "--uri", paramLabel = "URI",
            description = "MongoDB connection string with the database in the path, "
                    + "e.g. mongodb://127.0.0.1:27017/narrative_modeling (default: $FERRY_URI)")
    String uri;

    String resolve(Terminal terminal) {
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        String fromEnv = terminal.env().apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        throw new CliUsageException("No database given: pass --uri mongodb://host:port/database or set " + ENV + ".");
    }
}
