package dev.ferry.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.ferry.engine.EvidenceReport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/** The report as JSON: the engine's record as it is, instants and durations in ISO-8601, plus the headline. */
final class JsonReport {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, new ToText<>())
                    .addSerializer(Duration.class, new ToText<>()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonReport() {
    }

    /** The verdict and its words first, then every field of the report. */
    record Document(String verdict, String headline, EvidenceReport report) {
    }

    static String render(EvidenceReport report) {
        ReportVerdict v = ReportVerdict.of(report);
        try {
            return MAPPER.writeValueAsString(new Document(v.tone().name().toLowerCase(java.util.Locale.ROOT),
                    v.words(), report)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report of run " + report.runId() + " as JSON", e);
        }
    }

    private static final class ToText<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }
}
