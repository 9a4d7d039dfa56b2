package dev.ferry.profile;

import java.nio.file.Path;

/** Where the console keeps its own files (profiles, recent plans): {@code ~/.ferry}, or {@code -Dferry.home}. */
public final class FerryHome {

    private FerryHome() {
    }

    public static Path dir() {
        String configured = System.getProperty("ferry.home");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".ferry");
    }

    /** The log file logback writes ({@code -Dferry.log.dir} or {@code ~/.ferry/logs}). */
    public static Path logFile() {
        String dir = System.getProperty("ferry.log.dir");
        return (dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".ferry", "logs")).resolve("ferry.log");
    }
}
