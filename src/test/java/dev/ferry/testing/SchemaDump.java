package dev.ferry.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code pg_dump --schema-only} of a test database (the Debian PostgreSQL 15 client against the test server), without
 * Ferry's own schemas and tables (schema ferry, the backup schemas, migration_log) and without the per-run
 * {@code \restrict} lines: what an operator compares before a conversion, after it and after its rollback.
 */
public final class SchemaDump {

    static final String PG_DUMP = "/usr/lib/postgresql/15/bin/pg_dump";

    private SchemaDump() {
    }

    public static List<String> of(String jdbcUrl) throws IOException, InterruptedException {
        String database = jdbcUrl.replaceAll(".*/([^?]+).*", "$1");
        Process p = new ProcessBuilder(PG_DUMP, "-h", "localhost", "-p", String.valueOf(TestPostgres.port()), "-U",
                "postgres", "--schema-only", "-N", "ferry", "-N", "migration_backup*", "-T", "*.migration_log", "-T", "*.migration_log_id_seq",
                database).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_dump of " + database + " failed: " + out);
        }
        List<String> lines = new ArrayList<>();
        for (String line : out.split("\n", -1)) {
            if (!line.startsWith("\\restrict") && !line.startsWith("\\unrestrict")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Lines of {@code a} not in {@code b} (as many times as they are missing), in {@code a}'s order. */
    public static List<String> minus(List<String> a, List<String> b) {
        List<String> rest = new ArrayList<>(b);
        List<String> out = new ArrayList<>();
        for (String line : a) {
            if (!rest.remove(line)) {
                out.add(line);
            }
        }
        return out;
    }
}
