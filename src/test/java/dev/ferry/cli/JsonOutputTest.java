package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.engine.RunReport;
import dev.ferry.engine.RunState;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class JsonOutputTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void bsonValuesComeOutReadable() throws Exception {
        UUID uuid = UUID.fromString("0d5a4ac5-5c6a-4b1e-9e0e-4f1a6a0b7c3d");
        ObjectId id = new ObjectId("65a1b2c3d4e5f60718293a4b");
        Document doc = new Document("_id", id).append("at", Date.from(java.time.Instant.parse("2024-03-01T10:00:00Z")))
                .append("u", uuid).append("nested", new Document("u", uuid))
                .append("price", Decimal128.parse("12.50")).append("list", List.of(1, "a"));
        Map<String, Object> value = Map.of("doc", doc, "id", id, "bin", new Binary(new byte[] {1, 2}),
                "dec", Decimal128.parse("0.10"));

        JsonNode json = mapper.readTree(JsonOutput.write(value));
        assertThat(json.get("id").asText()).isEqualTo("65a1b2c3d4e5f60718293a4b");
        assertThat(json.get("dec").asText()).isEqualTo("0.10");
        assertThat(json.get("bin").get("base64").asText()).isEqualTo("AQI=");
        JsonNode d = json.get("doc");
        assertThat(d.get("_id").get("$oid").asText()).isEqualTo("65a1b2c3d4e5f60718293a4b");
        assertThat(d.get("at").get("$date").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(d.get("u").get("$uuid").asText()).isEqualTo(uuid.toString());
        assertThat(d.get("nested").get("u").get("$uuid").asText()).isEqualTo(uuid.toString());
        assertThat(d.get("list").size()).isEqualTo(2);
    }

    @Test
    void recordsWithDurationsSerialize() throws Exception {
        RunReport report = new RunReport("r1", "split-user-data", RunState.COMPLETED, 10, 10, 0,
                Map.of("dataset_metadata", 10L), Duration.ofSeconds(112), false, "");
        JsonNode json = mapper.readTree(JsonOutput.write(report));
        assertThat(json.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(json.get("elapsed").asText()).isEqualTo("PT1M52S");
        assertThat(json.get("written").get("dataset_metadata").asLong()).isEqualTo(10);
    }
}
