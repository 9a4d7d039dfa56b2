package dev.ferry.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A saved connection, without its password: a MongoDB connection string, or PostgreSQL's host, port, database and
 * user. The password is asked for each time and only ever joined into the address in memory, by {@link #address}.
 */
public record ConnectionProfile(String name, Kind kind, String uri, String host, int port, String database,
                                String user) {

    public enum Kind {
        MONGODB("MongoDB"), POSTGRESQL("PostgreSQL");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static ConnectionProfile mongo(String name, String uri) {
        return new ConnectionProfile(name, Kind.MONGODB, withoutPassword(uri), null, 0, null, null);
    }

    public static ConnectionProfile postgres(String name, String host, int port, String database, String user) {
        return new ConnectionProfile(name, Kind.POSTGRESQL, null, host, port, database, user);
    }

    /** The address to connect to, with {@code password} (may be empty) joined in. Never stored, never logged. */
    public String address(String password) {
        boolean hasPassword = password != null && !password.isEmpty();
        if (kind == Kind.MONGODB) {
            if (!hasPassword) {
                return uri;
            }
            int scheme = uri.indexOf("://");
            int at = uri.lastIndexOf('@');
            if (scheme < 0 || at < scheme) {
                return uri; // no user in the URI: a password alone means nothing to MongoDB
            }
            String userPart = uri.substring(scheme + 3, at);
            int colon = userPart.indexOf(':');
            String user = colon < 0 ? userPart : userPart.substring(0, colon);
            return uri.substring(0, scheme + 3) + user + ":" + encode(password) + uri.substring(at);
        }
        return "jdbc:postgresql://" + host + ":" + port + "/" + encode(database) + "?user=" + encode(user)
                + (hasPassword ? "&password=" + encode(password) : "");
    }

    /** What the operator sees: the address with no password. */
    public String display() {
        return kind == Kind.MONGODB ? uri : "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    /** {@code mongodb://alice:s3cret@host/db} → {@code mongodb://alice@host/db}: a profile never keeps a password. */
    static String withoutPassword(String uri) {
        if (uri == null) {
            return null;
        }
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return uri;
        }
        String userPart = uri.substring(scheme + 3, at);
        int colon = userPart.indexOf(':');
        return colon < 0 ? uri : uri.substring(0, scheme + 3) + userPart.substring(0, colon) + uri.substring(at);
    }

    /** The password typed into a MongoDB URI, if any, so the form can move it to the password field. */
    public static String passwordIn(String uri) {
        if (uri == null) {
            return "";
        }
        int scheme = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return "";
        }
        String userPart = uri.substring(scheme + 3, at);
        int colon = userPart.indexOf(':');
        return colon < 0 ? "" : java.net.URLDecoder.decode(userPart.substring(colon + 1), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
