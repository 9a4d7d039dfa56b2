package dev.ferry.store.mongo;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import dev.ferry.FerryException;
import dev.ferry.store.Secrets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.UuidRepresentation;

/** An open connection to one MongoDB database, named by a connection string that includes the database. */
public final class MongoStore implements AutoCloseable {

    private static final int SELECTION_TIMEOUT_SECONDS = 5;
    private static final Pattern CAUSE = Pattern.compile("(?:caused by|exception=) \\{[\\w.$]+: ([^}]+)}");

    private final MongoClient client;
    private final MongoDatabase database;
    private final String displayUri;

    private MongoStore(MongoClient client, MongoDatabase database, String displayUri) {
        this.client = client;
        this.database = database;
        this.displayUri = displayUri;
    }

    /**
     * Connects and pings, so that a wrong address fails here with a one-line reason rather than at the first batch.
     *
     * @throws FerryException (exit code 2) for a malformed URI or one without a database; (3) when unreachable
     */
    public static MongoStore connect(String uri) {
        ConnectionString cs;
        try {
            cs = new ConnectionString(uri);
        } catch (IllegalArgumentException e) {
            if (uri.startsWith("postgresql://") || uri.startsWith("postgres://")) {
                throw new UsageException("Ferry reaches PostgreSQL through JDBC: write " + Secrets.redact(uri)
                        + " as jdbc:postgresql://host:5432/database?user=…");
            }
            throw new UsageException("Not a MongoDB connection string: " + Secrets.redact(uri)
                    + " (" + Secrets.redact(e.getMessage()) + "). Expected mongodb://host:port/database");
        }
        if (cs.getDatabase() == null || cs.getDatabase().isBlank()) {
            throw new UsageException("The connection string " + Secrets.redact(uri)
                    + " names no database. Add it to the path, e.g. mongodb://host:27017/narrative_modeling");
        }
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(cs)
                .uuidRepresentation(UuidRepresentation.STANDARD)
                .applyToClusterSettings(b -> b.serverSelectionTimeout(SELECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
                .build();
        MongoClient client = MongoClients.create(settings);
        String display = Secrets.redact(uri);
        try {
            MongoDatabase db = client.getDatabase(cs.getDatabase());
            db.runCommand(new Document("ping", 1));
            return new MongoStore(client, db, display);
        } catch (MongoException e) {
            client.close();
            if (isAuthentication(e)) {
                throw new FerryException("MongoDB at " + String.join(",", cs.getHosts()) + " refused the credentials"
                        + (cs.getUsername() == null ? "" : " of user " + cs.getUsername()) + ". Check the user name,"
                        + " the password and authSource in the connection string.", e);
            }
            throw new FerryException("Cannot reach MongoDB at " + String.join(",", cs.getHosts()) + ": "
                    + reason(e) + ". Check that the server runs and the address is right.", e);
        }
    }

    private static boolean isAuthentication(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof com.mongodb.MongoSecurityException
                    || (t instanceof com.mongodb.MongoCommandException c && c.getErrorCode() == 18)) {
                return true;
            }
        }
        return false;
    }

    public MongoDatabase database() {
        return database;
    }

    /** The server's admin database (server-wide commands such as replSetGetStatus). */
    public MongoDatabase admin() {
        return client.getDatabase("admin");
    }

    public String databaseName() {
        return database.getName();
    }

    /** The connection string with any password replaced by {@code ***}. */
    public String displayUri() {
        return displayUri;
    }

    public MongoCollection<Document> collection(String name) {
        return database.getCollection(name);
    }

    public boolean exists(String collection) {
        for (String name : database.listCollectionNames()) {
            if (name.equals(collection)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * The operator's reason, not the driver's cluster dump: a server-selection timeout says why the last attempt
     * failed ("Connection refused") rather than "Timed out while waiting for a server that matches …".
     */
    static String reason(MongoException e) {
        String message = Secrets.redact(e.getMessage());
        if (e instanceof MongoTimeoutException && message != null) {
            String cause = null;
            Matcher m = CAUSE.matcher(message);
            while (m.find()) {
                cause = m.group(1); // the last one is the innermost cause
            }
            return (cause == null ? "no server answered" : cause) + " (gave up after "
                    + SELECTION_TIMEOUT_SECONDS + " s)";
        }
        return firstLine(message);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no reason given";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A usage error: exit code 2. */
    public static final class UsageException extends FerryException {
        public UsageException(String message) {
            super(message, 2, null);
        }
    }
}
