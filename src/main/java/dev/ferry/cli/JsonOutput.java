package dev.ferry.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.Encoder;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The machine-readable output of {@code --json}: engine records as Jackson writes them natively, with BSON values
 * made readable — documents as relaxed Extended JSON (UUIDs as {@code {"$uuid": …}}), ObjectIds as hex, dates and
 * instants as ISO-8601, durations as ISO-8601 ({@code PT1M52S}), Decimal128 as a string (no precision lost).
 */
final class JsonOutput {

    // DocumentCodec.withUuidRepresentation does not reach the UuidCodec that encodes nested UUID values;
    // only a registry wrapped with CodecRegistries.withUuidRepresentation does.
    private static final Encoder<Document> DOCUMENT_CODEC = new DocumentCodec(org.bson.codecs.configuration.CodecRegistries
            .withUuidRepresentation(com.mongodb.MongoClientSettings.getDefaultCodecRegistry(), UuidRepresentation.STANDARD));

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(bsonModule())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private JsonOutput() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A document as relaxed Extended JSON, indented when {@code indent}. */
    static String document(Document doc, boolean indent) {
        return doc.toJson(settings(indent), DOCUMENT_CODEC);
    }

    private static JsonWriterSettings settings(boolean indent) {
        return JsonWriterSettings.builder()
                .outputMode(JsonMode.RELAXED)
                .indent(indent)
                .binaryConverter((binary, writer) -> {
                    if (binary.getType() == BsonBinarySubType.UUID_STANDARD.getValue() && binary.getData().length == 16) {
                        writer.writeStartObject();
                        writer.writeString("$uuid", uuid(binary.getData()).toString());
                        writer.writeEndObject();
                    } else {
                        writer.writeStartObject();
                        writer.writeStartObject("$binary");
                        writer.writeString("base64", java.util.Base64.getEncoder().encodeToString(binary.getData()));
                        writer.writeString("subType", String.format("%02x", binary.getType()));
                        writer.writeEndObject();
                        writer.writeEndObject();
                    }
                })
                .build();
    }

    private static SimpleModule bsonModule() {
        SimpleModule module = new SimpleModule("ferry-bson");
        module.addSerializer(Document.class, serializer((doc, gen) -> gen.writeRawValue(document(doc, false))));
        module.addSerializer(ObjectId.class, serializer((id, gen) -> gen.writeString(id.toHexString())));
        module.addSerializer(Date.class, serializer((date, gen) -> gen.writeString(date.toInstant().toString())));
        module.addSerializer(Instant.class, serializer((at, gen) -> gen.writeString(at.toString())));
        module.addSerializer(Duration.class, serializer((d, gen) -> gen.writeString(d.toString())));
        module.addSerializer(UUID.class, serializer((uuid, gen) -> gen.writeString(uuid.toString())));
        module.addSerializer(Decimal128.class, serializer((dec, gen) -> gen.writeString(dec.toString())));
        module.addSerializer(Binary.class, serializer((bin, gen) -> {
            if (bin.getType() == BsonBinarySubType.UUID_STANDARD.getValue() && bin.getData().length == 16) {
                gen.writeString(uuid(bin.getData()).toString());
            } else {
                gen.writeStartObject();
                gen.writeStringField("base64", java.util.Base64.getEncoder().encodeToString(bin.getData()));
                gen.writeStringField("subType", String.format("%02x", bin.getType()));
                gen.writeEndObject();
            }
        }));
        return module;
    }

    /** Subtype 4 is big-endian most-significant bits first; legacy subtype 3 byte orders vary, so it stays binary. */
    private static UUID uuid(byte[] data) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(data);
        return new UUID(buf.getLong(), buf.getLong());
    }

    @FunctionalInterface
    private interface Writer<T> {
        void write(T value, JsonGenerator gen) throws IOException;
    }

    private static <T> JsonSerializer<T> serializer(Writer<T> writer) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                writer.write(value, gen);
            }
        };
    }
}
