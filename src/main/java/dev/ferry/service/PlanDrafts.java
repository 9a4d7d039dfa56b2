package dev.ferry.service;

import dev.ferry.profile.FerryHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe copies of plan text being edited, one per plan under {@code ~/.ferry/drafts}: kept as the person types,
 * offered back when the plan is opened again (after a crash, or a close without saving), dropped once the text is
 * saved or discarded. Drafts live beside Ferry's own files, not the plan's, so a plan's folder (often a repository)
 * never gets stray files.
 */
public final class PlanDrafts {

    private static final Logger LOG = LoggerFactory.getLogger(PlanDrafts.class);

    /** A draft found for a plan: its text, when it was kept, and the hash of the file it was an edit of. */
    public record Draft(String text, Instant keptAt, String baseHash) { }

    private final Path dir;
    /** The newest version kept or dropped per plan: a slower, older write never overwrites a newer one. */
    private final Map<String, Long> versions = new HashMap<>();

    public PlanDrafts(Path dir) {
        this.dir = dir;
    }

    public static PlanDrafts inFerryHome() {
        return new PlanDrafts(FerryHome.dir().resolve("drafts"));
    }

    /** Keeps {@code text} as the draft of {@code doc}, unless a newer version was kept or dropped already. */
    public synchronized void keep(PlanDocument doc, String text, long version) throws IOException {
        String key = key(doc);
        if (versions.getOrDefault(key, Long.MIN_VALUE) > version) {
            return;
        }
        versions.put(key, version);
        Files.createDirectories(dir);
        AtomicWrite.replace(dir.resolve(key + ".base"), (doc.diskHash() + "\n" + doc.location().toAbsolutePath() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        AtomicWrite.replace(dir.resolve(key + ".draft"), text.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized Optional<Draft> find(PlanDocument doc) {
        String key = key(doc);
        Path draft = dir.resolve(key + ".draft");
        if (!Files.isRegularFile(draft)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(draft, StandardCharsets.UTF_8);
            Path base = dir.resolve(key + ".base");
            List<String> lines = Files.isRegularFile(base) ? Files.readAllLines(base, StandardCharsets.UTF_8) : List.of();
            return Optional.of(new Draft(text, Files.getLastModifiedTime(draft).toInstant(),
                    lines.isEmpty() ? "" : lines.get(0)));
        } catch (IOException e) {
            LOG.warn("Cannot read the draft {}: {}", draft, e.getMessage());
            return Optional.empty();
        }
    }

    /** Drops the draft of {@code doc}; a keep of an older version arriving later is ignored. */
    public synchronized void drop(PlanDocument doc, long version) throws IOException {
        String key = key(doc);
        versions.merge(key, version, Math::max);
        Files.deleteIfExists(dir.resolve(key + ".draft"));
        Files.deleteIfExists(dir.resolve(key + ".base"));
    }

    /** The draft's file, for tests and for the person told where their text is. */
    public Path fileOf(PlanDocument doc) {
        return dir.resolve(key(doc) + ".draft");
    }

    private static String key(PlanDocument doc) {
        if (doc.builtIn()) {
            return "built-in-" + doc.location();
        }
        String path = doc.file().toAbsolutePath().normalize().toString();
        return doc.file().getFileName() + "-" + PlanDocument.hash(path.getBytes(StandardCharsets.UTF_8));
    }
}
