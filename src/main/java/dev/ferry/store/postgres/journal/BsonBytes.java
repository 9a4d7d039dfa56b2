package dev.ferry.store.postgres.journal;

import com.mongodb.MongoClientSettings;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.UuidRepresentation;
import org.bson.codecs.Codec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.io.BasicOutputBuffer;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * BSON values as BSON bytes (bytea), which keep every type, digit and field order exactly, whatever the field names:
 * not jsonb, which reorders keys and forgets BSON types, nor Extended JSON, which reads a document with a field such
 * as {@code $date} or {@code $code} as another type. UUIDs are binary subtype 4, as Ferry's MongoDB connections keep
 * them. {@link #readable} gives people a JSON text beside them, never read back.
 */
final class BsonBytes {

    private static final Codec<Document> CODEC = CodecRegistries.withUuidRepresentation(
            MongoClientSettings.getDefaultCodecRegistry(), UuidRepresentation.STANDARD).get(Document.class);
    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private BsonBytes() {
    }

    static byte[] document(Document doc) {
        if (doc == null) {
            return null;
        }
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        CODEC.encode(new BsonBinaryWriter(buffer), doc, EncoderContext.builder().build());
        return buffer.toByteArray();
    }

    static Document document(byte[] bytes) {
        return bytes == null ? null : new RawBsonDocument(bytes).decode(CODEC);
    }

    /** One value (a key, any BSON type), wrapped as {@code {v: value}}; null stays null. */
    static byte[] value(Object value) {
        return value == null ? null : document(new Document("v", value));
    }

    static Object value(byte[] bytes) {
        return bytes == null ? null : document(bytes).get("v");
    }

    /** A list of values as one BSON array. */
    static byte[] values(List<?> values) {
        return value(new ArrayList<>(values));
    }

    static List<Object> values(byte[] bytes) {
        Object list = value(bytes);
        return list == null ? List.of() : new ArrayList<>((List<?>) list);
    }

    /** A short digest of a value's bytes, for a primary key that must not grow with the value. */
    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** A document as JSON for people reading the journal with psql (relaxed: types are not all kept). */
    static String readable(Document doc) {
        return doc == null ? null : doc.toJson(RELAXED, CODEC);
    }
}
