package dev.ferry.store;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.UuidRepresentation;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * Content hashes of documents and collections. A document hashes over its canonical BSON (keys sorted at every
 * level), so field order does not matter but types and values do. A collection's checksum is the sum of its
 * documents' hashes modulo 2^64, with the count: order-independent, streamable and additive across batches.
 */
public final class DocumentChecksum {

    private static final org.bson.codecs.Codec<Document> CODEC = org.bson.codecs.configuration.CodecRegistries
            .withUuidRepresentation(com.mongodb.MongoClientSettings.getDefaultCodecRegistry(), UuidRepresentation.STANDARD)
            .get(Document.class);

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

    /**
     * The 32-bit content hash an undo entry keeps for a document the run inserted (the journal's hashes are 32 bits):
     * the top of its SHA-256 hash, so two different documents share it only by chance, one in four billion. Never
     * {@code Document.hashCode()}, which {"code": "Aa"} and {"code": "BB"}, or {"a": "A"} and {"b": "B"}, share.
     */
    public static int undoHash(Document doc) {
        return (int) (of(doc) >>> 32);
    }

    /**
     * A fast 64-bit hash (FNV-1a) of a document's bytes exactly as the server returned them: for checking that stored
     * records are unchanged between two reads, where field order is the server's and need not be canonical.
     */
    public static long ofStored(RawBsonDocument doc) {
        java.nio.ByteBuffer bytes = doc.getByteBuffer().asNIO();
        long h = 0xcbf29ce484222325L;
        for (int i = bytes.position(); i < bytes.limit(); i++) {
            h ^= bytes.get(i) & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The BSON size of a document as a server would store it (computed client-side; {@code $bsonSize} is not everywhere). */
    public static int bsonSize(Document doc) {
        return encode(doc).getPosition();
    }

    /** A document's BSON bytes, fields in their own order. */
    public static byte[] bsonBytes(Document doc) {
        return encode(doc).toByteArray();
    }

    static byte[] canonicalBytes(Document doc) {
        return encode(sorted(doc)).toByteArray();
    }

    private static BasicOutputBuffer encode(Document doc) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        CODEC.encode(new BsonBinaryWriter(buffer), doc, EncoderContext.builder().build());
        return buffer;
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

        public Sum addStored(RawBsonDocument doc) {
            return new Sum(count + 1, sum + ofStored(doc));
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
