package dev.ferry.engine.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runbook 002's legacy schema: users with varchar(36) UUID keys and the three tables that reference them, filled
 * on the server (generate_series). A few keys are upper case or braced, as legacy data has; some reminders have no
 * user. Also row checksums of every table, for "byte-identical after rollback".
 */
public final class Runbook002Schema {

    public static final List<String> TABLES = List.of("users", "journal_entries", "tags", "reminders");

    private Runbook002Schema() {
    }

    public static void create(String url, int users, int entriesPerUser) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id varchar(36) PRIMARY KEY, email text NOT NULL UNIQUE,"
                    + " name text, created_at timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE journal_entries (id varchar(36) PRIMARY KEY, user_id varchar(36) NOT NULL"
                    + " REFERENCES users(id) ON DELETE CASCADE, title text, body text, created_at timestamptz NOT NULL)");
            s.execute("CREATE INDEX ix_journal_entries_user_id ON journal_entries (user_id)");
            s.execute("CREATE TABLE tags (id serial PRIMARY KEY, user_id varchar(36) NOT NULL REFERENCES users(id),"
                    + " name text NOT NULL, UNIQUE (user_id, name))");
            s.execute("CREATE TABLE reminders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " user_id varchar(36) REFERENCES users(id) ON DELETE SET NULL, remind_at timestamptz,"
                    + " note text CHECK (length(note) < 500))");
            // Canonical lower-case keys, except every 500th upper case and every 700th in braces.
            s.execute("INSERT INTO users SELECT CASE WHEN i % 500 = 0 THEN upper(md5('u' || i)::uuid::text)"
                    + " WHEN i % 700 = 0 THEN '{' || md5('u' || i) || '}' ELSE md5('u' || i)::uuid::text END,"
                    + " 'user' || i || '@example.com', 'User ' || i, timestamptz '2024-01-01' + i * interval '1 minute'"
                    + " FROM generate_series(1, " + users + ") i");
            s.execute("INSERT INTO journal_entries SELECT md5('e' || u.n || '-' || k)::uuid::text, u.id, 'Entry ' || k,"
                    + " repeat('text ', 20 + k), timestamptz '2024-02-01' + (u.n * 10 + k) * interval '1 second'"
                    + " FROM (SELECT id, row_number() OVER (ORDER BY email) n FROM users) u,"
                    + " generate_series(1, " + entriesPerUser + ") k");
            s.execute("INSERT INTO tags (user_id, name) SELECT id, 'tag' || (n % 3) FROM"
                    + " (SELECT id, row_number() OVER (ORDER BY email) n FROM users) u WHERE n % 2 = 0");
            s.execute("INSERT INTO reminders (user_id, remind_at, note) SELECT CASE WHEN n % 10 = 1 THEN NULL ELSE id END,"
                    + " timestamptz '2025-01-01' + n * interval '1 hour', 'note ' || n FROM"
                    + " (SELECT id, row_number() OVER (ORDER BY email) n FROM users) u WHERE n % 2 = 1");
            s.execute("ANALYZE");
        }
    }

    /** md5 over every row's text, in a fixed order, per table. */
    public static Map<String, String> checksums(String url) throws SQLException {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet r = s.executeQuery("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|'"
                        + " ORDER BY t::text), '')) FROM public." + table + " t")) {
                    r.next();
                    sums.put(table, r.getString(1));
                }
            }
        }
        return sums;
    }

    public static String scalar(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    public static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
