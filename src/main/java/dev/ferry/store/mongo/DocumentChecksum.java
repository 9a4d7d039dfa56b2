package dev.ferry.store.mongo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * Content hashes of documents and collections. A document hashes over its canonical BSON (keys sorted at every
 * level), so field order does not matter but types and values do. A collection's checksum is the sum of its
 * documents' hashes modulo 2^64, with the count: order-independent, streamable and additive across batches.
 */
public final class DocumentChecksum {

    // DocumentCodec.withUuidRepresentation does not reach the UuidCodec that encodes nested UUID values;
    // only a registry wrapped with CodecRegistries.withUuidRepresentation does.
    private static final org.bson.codecs.Codec<Document> CODEC = new DocumentCodec(org.bson.codecs.configuration.CodecRegistries
            .withUuidRepresentation(com.mongodb.MongoClientSettings.getDefaultCodecRegistry(), UuidRepresentation.STANDARD));

    private DocumentChecksum() {
    }

    /** A 64-bit content hash of one document. */
    public static long of(Document doc) {
        byte[] bytes = canonicalBytes(doc);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** The BSON size of a document as a server would store it (computed client-side; {@code $bsonSize} is not everywhere). */
    public static int bsonSize(Document doc) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        CODEC.encode(new BsonBinaryWriter(buffer), doc, EncoderContext.builder().build());
        return buffer.getPosition();
    }

    static byte[] canonicalBytes(Document doc) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        CODEC.encode(new BsonBinaryWriter(buffer), sorted(doc), EncoderContext.builder().build());
        return buffer.toByteArray();
    }

    private static Document sorted(Map<String, Object> doc) {
        Document out = new Document();
        new TreeMap<>(doc).forEach((k, v) -> out.put(k, canonical(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            return sorted((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(canonical(v)));
            return out;
        }
        return value;
    }

    /** An order-independent checksum of a set of documents, built one document at a time. */
    public record Sum(long count, long sum) {
        public static final Sum EMPTY = new Sum(0, 0);

        public Sum add(Document doc) {
            return new Sum(count + 1, sum + of(doc));
        }

        public Sum plus(Sum other) {
            return new Sum(count + other.count, sum + other.sum);
        }

        public String hex() {
            return String.format("%016x", sum);
        }

        public Document toDocument() {
            return new Document("count", count).append("sum", sum);
        }

        public static Sum fromDocument(Document d) {
            return d == null ? EMPTY : new Sum(((Number) d.get("count")).longValue(), ((Number) d.get("sum")).longValue());
        }

        @Override
        public String toString() {
            return count + " docs, checksum " + hex();
        }
    }
}
