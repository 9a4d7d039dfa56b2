package dev.ferry.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The saved profiles, as JSON in {@code ~/.ferry/profiles.json}; no password is ever written there. */
public final class ConnectionProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionProfiles.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public ConnectionProfiles(Path file) {
        this.file = file;
    }

    public static ConnectionProfiles inFerryHome() {
        return new ConnectionProfiles(FerryHome.dir().resolve("profiles.json"));
    }

    public Path file() {
        return file;
    }

    /** The saved profiles; an unreadable file is reported in the log and treated as empty, never overwritten blindly. */
    public List<ConnectionProfile> load() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<ConnectionProfile>>() { });
        } catch (IOException e) {
            LOG.warn("Cannot read the connection profiles in {}: {}", file, e.getMessage());
            throw new dev.ferry.FerryException("The saved connections in " + file + " cannot be read ("
                    + e.getMessage().lines().findFirst().orElse("") + "). Fix or delete the file; it is left as it is.");
        }
    }

    /** Saves {@code profiles}, replacing the file atomically; passwords were already removed by the profile. */
    public void save(List<ConnectionProfile> profiles) {
        List<ConnectionProfile> clean = new ArrayList<>();
        for (ConnectionProfile p : profiles) {
            clean.add(p.kind() == ConnectionProfile.Kind.MONGODB ? ConnectionProfile.mongo(p.name(), p.uri()) : p);
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), clean);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new dev.ferry.FerryException("Cannot save the connections to " + file + ": " + e.getMessage()
                    + ". Check that the folder is writable.", e);
        }
    }
}
