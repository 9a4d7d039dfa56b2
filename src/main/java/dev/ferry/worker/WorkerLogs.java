package dev.ferry.worker;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Where workers write: {@code ~/.ferry/logs/workers/<plan>-<verb>-<time>-<id>.log} (under {@code -Dferry.log.dir}). */
public final class WorkerLogs {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private WorkerLogs() {
    }

    public static Path dir() {
        String configured = System.getProperty("ferry.log.dir");
        Path logs = configured != null ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".ferry", "logs");
        return logs.resolve("workers");
    }

    /** A new log file's path for a worker of {@code plan} doing {@code verb}; its folder is created. */
    public static Path next(String plan, String verb) throws IOException {
        Files.createDirectories(dir());
        String safe = plan.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir().resolve(safe + "-" + verb + "-" + STAMP.format(Instant.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 6) + ".log");
    }

    /** The last {@code n} lines of a log on this host; empty when it cannot be read (another host's, or gone). */
    public static List<String> tail(String log, int n) {
        if (log == null) {
            return List.of();
        }
        Path path = Path.of(log);
        if (!Files.isReadable(path)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long length = file.length();
            int read = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[read];
            file.seek(length - read);
            file.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8)
                    .split("\r?\n")));
            if (read < length && !lines.isEmpty()) {
                lines.remove(0); // cut mid-line
            }
            lines.removeIf(String::isBlank);
            return List.copyOf(lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }
}
