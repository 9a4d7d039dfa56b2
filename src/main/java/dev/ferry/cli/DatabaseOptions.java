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
            description = "MongoDB connection string with the database in the path, "
                    + "e.g. mongodb://127.0.0.1:27017/narrative_modeling (default: $FERRY_URI)")
    String uri;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "a connection saved in the console (~/.ferry/profiles.json), instead of --uri; its password"
                    + " comes from $FERRY_PASSWORD, or is asked for at a terminal")
    String profile;

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
