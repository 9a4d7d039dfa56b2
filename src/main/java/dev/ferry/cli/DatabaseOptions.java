package dev.ferry.cli;

import picocli.CommandLine.Option;

/** {@code --uri}: the database to work on, named in the connection string's path; falls back to {@code $FERRY_URI}. */
final class DatabaseOptions {

    static final String ENV = "FERRY_URI";

    @Option(names = "--uri", paramLabel = "URI",
            description = "MongoDB connection string with the database in the path, "
                    + "e.g. mongodb://127.0.0.1:27017/narrative_modeling (default: $FERRY_URI)")
    String uri;

    @Option(names = "--source-uri", paramLabel = "JDBC_URL",
            description = "PostgreSQL database of a plan's table source, e.g. jdbc:postgresql://host:5432/crm?user=ferry"
                    + " (default: $FERRY_SOURCE_URI); the journal stays in the MongoDB database of --uri")
    String sourceUri;

    @Option(names = "--target-uri", paramLabel = "JDBC_URL",
            description = "PostgreSQL database of a plan's table targets (default: $FERRY_TARGET_URI); the journal"
                    + " stays in the MongoDB database of --uri")
    String targetUri;

    /** The PostgreSQL database of a cross-store plan's tables, or null; one database holds all of a plan's tables. */
    String tables(Terminal terminal) {
        String source = orEnv(sourceUri, terminal, "FERRY_SOURCE_URI");
        String target = orEnv(targetUri, terminal, "FERRY_TARGET_URI");
        if (source != null && target != null && !source.equals(target)) {
            throw new CliUsageException("--source-uri and --target-uri name two PostgreSQL databases; a plan's tables"
                    + " must all be in one (give one of them).");
        }
        return source != null ? source : target;
    }

    private static String orEnv(String option, Terminal terminal, String env) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        String fromEnv = terminal.env().apply(env);
        return fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }

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
