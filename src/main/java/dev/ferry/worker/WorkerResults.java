package dev.ferry.worker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A worker's {@code --json} result read back as the engine record it printed (durations and times as ISO-8601). */
final class WorkerResults {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerResults.class);
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("ferry-times")
                    .addDeserializer(Duration.class, deserializer(Duration::parse))
                    .addDeserializer(Instant.class, deserializer(Instant::parse)));

    private WorkerResults() {
    }

    static <T> Optional<T> read(Path file, Class<T> type) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) == 0) {
                return Optional.empty();
            }
            return Optional.of(MAPPER.readValue(file.toFile(), type));
        } catch (IOException e) {
            LOG.warn("could not read the worker's result {} as {}: {}", file, type.getSimpleName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static <T> JsonDeserializer<T> deserializer(java.util.function.Function<String, T> parse) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String text = p.getValueAsString();
                return text == null ? null : parse.apply(text);
            }
        };
    }
}
