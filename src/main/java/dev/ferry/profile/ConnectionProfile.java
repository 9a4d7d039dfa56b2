package dev.ferry.profile;

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
            UserInfo info = UserInfo.of(uri);
            // no user in the URI: a password alone means nothing to MongoDB
            return !hasPassword || info == null ? uri : info.with(info.user() + ":" + encode(password));
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
        UserInfo info = UserInfo.of(uri);
        return info == null || info.password() == null ? uri : info.with(info.user());
    }

    /** The password typed into a MongoDB URI, if any, so the form can move it to the password field. */
    public static String passwordIn(String uri) {
        UserInfo info = UserInfo.of(uri);
        return info == null || info.password() == null ? ""
                : java.net.URLDecoder.decode(info.password(), StandardCharsets.UTF_8);
    }

    /**
     * The {@code user[:password]} between {@code ://} and the last {@code @} of a URI (the last, so that a password
     * typed with an unescaped {@code @} stays whole), and where it sits.
     */
    private record UserInfo(String uri, int start, int end, String user, String password) {

        static UserInfo of(String uri) {
            int scheme = uri == null ? -1 : uri.indexOf("://");
            int at = uri == null ? -1 : uri.lastIndexOf('@');
            if (scheme < 0 || at < scheme) {
                return null;
            }
            String part = uri.substring(scheme + 3, at);
            int colon = part.indexOf(':');
            return new UserInfo(uri, scheme + 3, at, colon < 0 ? part : part.substring(0, colon),
                    colon < 0 ? null : part.substring(colon + 1));
        }

        /** The URI with its user info replaced by {@code userInfo}. */
        String with(String userInfo) {
            return uri.substring(0, start) + userInfo + uri.substring(end);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
