package dev.ferry.cli;

import dev.ferry.profile.ConnectionProfile;
import dev.ferry.profile.ConnectionProfiles;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --uri} or {@code --profile}: the database to work on, named in the connection string's path, or a connection
 * saved in the console; falls back to {@code $FERRY_URI}.
 */
final class DatabaseOptions {

    static final String ENV = "FERRY_URI";
    static final String PASSWORD_ENV = "FERRY_PASSWORD";

    @Option(names = "--uri", paramLabel = "URI",
            description = "the database to work on, which keeps the journal: a MongoDB connection string with the"
                    + " database in the path, e.g. mongodb://127.0.0.1:27017/narrative_modeling, or a PostgreSQL"
                    + " JDBC URL, e.g. jdbc:postgresql://host:5432/crm?user=ferry (default: $FERRY_URI)")
    String uri;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "a connection saved in the console (~/.ferry/profiles.json), instead of --uri; its password"
                    + " comes from $FERRY_PASSWORD, or is asked for at a terminal")
    String profile;

    @Option(names = "--source-uri", paramLabel = "URI",
            description = "the other database of a plan that reads one kind and writes the other: its PostgreSQL"
                    + " tables' (jdbc:postgresql://host:5432/crm?user=ferry) when --uri is MongoDB, its MongoDB"
                    + " collections' (mongodb://host:27017/app) when --uri is PostgreSQL (default: $FERRY_SOURCE_URI);"
                    + " the journal stays in the database of --uri")
    String sourceUri;

    @Option(names = "--target-uri", paramLabel = "URI",
            description = "the same as --source-uri, named for a plan's targets (default: $FERRY_TARGET_URI)")
    String targetUri;

    /**
     * The other database of a cross-store split plan (its tables' when --uri is MongoDB, its collections' when --uri
     * is PostgreSQL), or null; a plan's tables are all in one database, and its collections too.
     */
    String other(Terminal terminal) {
        String source = orEnv(sourceUri, terminal, "FERRY_SOURCE_URI");
        String target = orEnv(targetUri, terminal, "FERRY_TARGET_URI");
        if (source != null && target != null && !source.equals(target)) {
            throw new CliUsageException("--source-uri and --target-uri name two databases; a plan reads and writes"
                    + " --uri's database and at most one other (give one of them).");
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
        if (profile != null) {
            if (uri != null && !uri.isBlank()) {
                throw new CliUsageException("Give --uri or --profile, not both.");
            }
            return fromProfile(terminal);
        }
        if (uri != null && !uri.isBlank()) {
            return uri;
        }
        String fromEnv = terminal.env().apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        throw new CliUsageException("No database given: pass --uri mongodb://host:port/database (or jdbc:postgresql://…),"
                + " --profile NAME (a connection saved in the console), or set " + ENV + ".");
    }

    /** The saved profile's address with its password, which is never saved: from the environment, or typed. */
    private String fromProfile(Terminal terminal) {
        ConnectionProfiles saved = ConnectionProfiles.inFerryHome();
        List<ConnectionProfile> profiles = saved.load();
        ConnectionProfile chosen = profiles.stream().filter(p -> p.name().equals(profile)).findFirst()
                .orElseThrow(() -> new CliUsageException("No saved connection named \"" + profile + "\" in "
                        + saved.file() + (profiles.isEmpty() ? " (there are none yet: save one on the console's"
                        + " Connections screen, or pass --uri)."
                        : ". Saved: " + String.join(", ", profiles.stream().map(ConnectionProfile::name).toList())
                        + ".")));
        String password = terminal.env().apply(PASSWORD_ENV);
        if (password == null && terminal.interactive()) {
            password = terminal.readSecret("Password for " + chosen.display() + " (Enter for none): ");
        }
        return chosen.address(password == null ? "" : password);
    }
}
