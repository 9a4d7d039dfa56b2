package dev.ferry.store.postgres.journal;

import com.mongodb.MongoClientSettings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecRegistries;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * BSON values as canonical Extended JSON text, which keeps every type exactly ({@code {"$numberInt": "5"}} is not
 * {@code {"$numberLong": "5"}}, a Decimal128 keeps its digits, field order is kept) and reads in psql. Not jsonb,
 * which reorders keys and forgets BSON types. UUIDs are binary subtype 4, as Ferry's MongoDB connections keep them.
 */
final class BsonText {

    private static final Codec<Document> CODEC = CodecRegistries.withUuidRepresentation(
            MongoClientSettings.getDefaultCodecRegistry(), UuidRepresentation.STANDARD).get(Document.class);
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();
    private static final String WRAP = "{\"v\": ";

    private BsonText() {
    }

    static String document(Document doc) {
        return doc == null ? null : doc.toJson(CANONICAL, CODEC);
    }

    static Document document(String text) {
        return text == null ? null : Document.parse(text, CODEC);
    }

    /** One value (a key, any BSON type) as its own Extended JSON; null stays null. */
    static String value(Object value) {
        if (value == null) {
            return null;
        }
        String json = new Document("v", value).toJson(CANONICAL, CODEC);
        return json.substring(WRAP.length(), json.length() - 1);
    }

    static Object value(String text) {
        return text == null ? null : Document.parse(WRAP + text + "}", CODEC).get("v");
    }

    /** A list of values as one Extended JSON array. */
    static String values(List<?> values) {
        return value(new ArrayList<>(values));
    }

    static List<Object> values(String text) {
        Object list = value(text);
        return list == null ? List.of() : new ArrayList<>((List<?>) list);
    }

    /** A short digest of a value's text, for a primary key that must not grow with the value. */
    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
