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
        return dump(jdbcUrl, List.of());
    }

    /**
     * The application's objects while a conversion is under way: without Ferry's copies ({@code ferry_new_*}) and the
     * write guards on the originals, and without the separator lines their sections add.
     */
    public static List<String> applicationsDuringAConversion(String jdbcUrl) throws IOException, InterruptedException {
        return dump(jdbcUrl, List.of("-T", "*.ferry_new_*")).stream().filter(l -> !l.contains("ferry_write_guard")
                && !l.contains("ferry.note_write") && !l.equals("--") && !l.isEmpty()).toList();
    }

    private static List<String> dump(String jdbcUrl, List<String> more) throws IOException, InterruptedException {
        String database = jdbcUrl.replaceAll(".*/([^?]+).*", "$1");
        List<String> command = new ArrayList<>(List.of(PG_DUMP, "-h", "localhost", "-p",
                String.valueOf(TestPostgres.port()), "-U", "postgres", "--schema-only", "-N", "ferry", "-N",
                "migration_backup*", "-T", "*.migration_log", "-T", "*.migration_log_id_seq"));
        command.addAll(more);
        command.add(database);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
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

    /** "- line" for each line only {@code before} has, "+ line" for each only {@code after} has: empty when equal. */
    public static List<String> differences(List<String> before, List<String> after) {
        List<String> out = new ArrayList<>();
        minus(before, after).forEach(l -> out.add("- " + l));
        minus(after, before).forEach(l -> out.add("+ " + l));
        return out;
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
