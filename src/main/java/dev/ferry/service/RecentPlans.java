package dev.ferry.service;

import dev.ferry.profile.FerryHome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plans opened lately, newest first, one absolute path a line in a small file. */
public final class RecentPlans {

    private static final Logger LOG = LoggerFactory.getLogger(RecentPlans.class);
    private static final int LIMIT = 10;

    private final Path file;

    public RecentPlans(Path file) {
        this.file = file;
    }

    public static RecentPlans inFerryHome() {
        return new RecentPlans(FerryHome.dir().resolve("recent-plans.txt"));
    }

    public List<Path> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank()).map(Path::of).toList();
        } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
            LOG.warn("Ignoring the unreadable list of recent plans {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    public void add(Path plan) {
        List<Path> paths = new ArrayList<>(list());
        Path absolute = plan.toAbsolutePath().normalize();
        paths.remove(absolute);
        paths.add(0, absolute);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, paths.subList(0, Math.min(LIMIT, paths.size())).stream().map(Path::toString).toList(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("Cannot remember recent plans in {}: {}", file, e.getMessage());
        }
    }
}
