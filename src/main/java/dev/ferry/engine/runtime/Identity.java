package dev.ferry.engine.runtime;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who and where this process is, for the journal and the lease: the OS user, the host and the process id. */
public record Identity(String operator, String host, long pid) {

    public static Identity current() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return new Identity(System.getProperty("user.name", "unknown"), host, ProcessHandle.current().pid());
    }

    /** A lease owner for one acquisition: who, where, which run, and a random part unique to this acquisition. */
    public String owner(String runId) {
        return operator + "@" + host + ":" + pid + "/" + runId + "#" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
