package dev.ferry.engine.runtime;

import dev.ferry.store.journal.HolderProcess;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;

/**
 * Who and where this process is, for the journal and the lease: the OS user, the host, the process id and when the
 * process started (a process id alone may be reused by another process later).
 *
 * @param startedAt null when the operating system does not say
 */
public record Identity(String operator, String host, long pid, Instant startedAt) {

    public Identity(String operator, String host, long pid) {
        this(operator, host, pid, null);
    }

    public static Identity current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        ProcessHandle me = ProcessHandle.current();
        return new Identity(System.getProperty("user.name", "unknown"), host, me.pid(),
                me.info().startInstant().orElse(null));
    }

    /** A lease owner for one acquisition: who, where, which run, and a random part unique to this acquisition. */
    public String owner(String runId) {
        return operator + "@" + host + ":" + pid + "/" + runId + "#" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** This process as a lease records it. */
    public HolderProcess process() {
        return new HolderProcess(host, operator, pid, startedAt);
    }
}
