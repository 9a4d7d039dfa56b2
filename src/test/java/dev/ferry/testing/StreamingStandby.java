package dev.ferry.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 primary with one streaming standby, from the Debian server binaries, run as the postgres user on
 * directories it owns: initdb, pg_ctl, pg_basebackup -R -X stream. Both listen on 127.0.0.1 only; closing stops both
 * and removes their directories.
 */
public final class StreamingStandby implements AutoCloseable {

    public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    private final Path dir;
    private final int primaryPort;
    private final int standbyPort;

    private StreamingStandby(Path dir, int primaryPort, int standbyPort) {
        this.dir = dir;
        this.primaryPort = primaryPort;
        this.standbyPort = standbyPort;
    }

    /** True where the Debian binaries and runuser are present (this project's machines). */
    public static boolean available() {
        return Files.isExecutable(BIN.resolve("pg_basebackup")) && Files.isExecutable(Path.of("/usr/sbin/runuser"));
    }

    public static StreamingStandby start() throws Exception {
        Path dir = Files.createTempDirectory("ferry-standby");
        exec("chown", "postgres", dir.toString());
        exec("chmod", "700", dir.toString());
        int primary = freePort();
        int standby = freePort();
        StreamingStandby s = new StreamingStandby(dir, primary, standby);
        s.asPostgres(BIN.resolve("initdb").toString(), "-D", dir.resolve("primary").toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        s.pgCtl("primary", primary, "start");
        s.asPostgres(BIN.resolve("pg_basebackup").toString(), "-D", dir.resolve("standby").toString(), "-R", "-X",
                "stream", "-h", "127.0.0.1", "-p", String.valueOf(primary), "-U", "postgres");
        s.pgCtl("standby", standby, "start");
        return s;
    }

    public String primaryUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + database + "?user=postgres";
    }

    public Connection standby() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + standbyPort + "/postgres?user=postgres");
    }

    public Connection primary() throws SQLException {
        return DriverManager.getConnection(primaryUrl("postgres"));
    }

    /** Holds the standby's replay: WAL still arrives, nothing of it is applied. */
    public void pauseReplay() throws SQLException {
        try (Connection c = standby(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_pause()");
        }
    }

    public void resumeReplay() throws SQLException {
        try (Connection c = standby(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_wal_replay_resume()");
        }
    }

    @Override
    public void close() throws Exception {
        for (String node : List.of("standby", "primary")) {
            try {
                pgCtl(node, 0, "stop");
            } catch (Exception ignored) {
                // already stopped
            }
        }
        exec("rm", "-rf", dir.toString());
    }

    private void pgCtl(String node, int port, String action) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D",
                dir.resolve(node).toString(), "-w", "-l", dir.resolve(node + ".log").toString()));
        if (action.equals("start")) {
            cmd.addAll(List.of("-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                    + " -c wal_sender_timeout=0"));
        } else {
            cmd.addAll(List.of("-m", "fast"));
        }
        cmd.add(action);
        asPostgres(cmd.toArray(String[]::new));
    }

    private void asPostgres(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        cmd.addAll(List.of(command));
        exec(cmd.toArray(String[]::new));
    }

    private static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
