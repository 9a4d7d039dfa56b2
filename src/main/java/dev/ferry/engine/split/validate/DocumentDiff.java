package dev.ferry.engine.split.validate;

import dev.ferry.engine.FieldDifference;

import com.mongodb.MongoClientSettings;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.UuidRepresentation;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Field-by-field differences between the document a mapping produces and the one stored, by dotted path.
 * Types count: an int 5 stored as a long 5 is reported as a type change.
 */
public final class DocumentDiff {

    // the registry itself carries the representation: a DocumentCodec's own setting does not reach nested codecs
    private static final Codec<Document> CODEC = org.bson.codecs.configuration.CodecRegistries
            .withUuidRepresentation(MongoClientSettings.getDefaultCodecRegistry(), UuidRepresentation.STANDARD)
            .get(Document.class);
    private static final int SHOWN_CHARS = 80;

    /** One difference at a path. */
    /** A difference at {@code path}, described the way the checks print it. */
    static FieldDifference difference(String path, FieldDifference.Kind kind, Object expected, Object stored) {
        String words = switch (kind) {
            case MISSING -> path + ": missing in target (expected " + show(expected) + ")";
            case EXTRA -> path + ": extra in target (" + show(stored) + ")";
            case TYPE_CHANGE -> path + ": type change " + show(expected) + " → " + show(stored);
            case VALUE -> path + ": expected " + show(expected) + ", stored " + show(stored);
        };
        return new FieldDifference(path, kind, expected, stored, words);
    }

    private DocumentDiff() {
    }

    /**
     * The document as a server would return it once written: through BSON and back, so that values the codecs
     * write in another type (an {@code Instant} becomes a date) compare the way they are stored.
     */
    public static Document asStored(Document doc) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        CODEC.encode(new BsonBinaryWriter(buffer), doc, EncoderContext.builder().build());
        return CODEC.decode(new BsonBinaryReader(java.nio.ByteBuffer.wrap(buffer.toByteArray())),
                DecoderContext.builder().build());
    }

    /** Differences from {@code expected} to {@code stored}; empty when they are equal. */
    public static List<FieldDifference> between(Document expected, Document stored) {
        List<FieldDifference> out = new ArrayList<>();
        compare("", asStored(expected), stored, out);
        return out;
    }

    private static void compare(String path, Object e, Object s, List<FieldDifference> out) {
        if (e instanceof Map<?, ?> em && s instanceof Map<?, ?> sm) {
            Set<Object> keys = new LinkedHashSet<>(em.keySet());
            keys.addAll(sm.keySet());
            for (Object k : keys) {
                String p = path.isEmpty() ? String.valueOf(k) : path + "." + k;
                if (!sm.containsKey(k)) {
                    out.add(difference(p, FieldDifference.Kind.MISSING, em.get(k), null));
                } else if (!em.containsKey(k)) {
                    out.add(difference(p, FieldDifference.Kind.EXTRA, null, sm.get(k)));
                } else {
                    compare(p, em.get(k), sm.get(k), out);
                }
            }
        } else if (e instanceof List<?> el && s instanceof List<?> sl) {
            for (int i = 0; i < Math.max(el.size(), sl.size()); i++) {
                String p = path + "." + i;
                if (i >= sl.size()) {
                    out.add(difference(p, FieldDifference.Kind.MISSING, el.get(i), null));
                } else if (i >= el.size()) {
                    out.add(difference(p, FieldDifference.Kind.EXTRA, null, sl.get(i)));
                } else {
                    compare(p, el.get(i), sl.get(i), out);
                }
            }
        } else if (!Objects.equals(e, s)) {
            boolean sameNumber = e instanceof Number en && s instanceof Number sn && e.getClass() != s.getClass()
                    && en.doubleValue() == sn.doubleValue();
            out.add(difference(path, sameNumber ? FieldDifference.Kind.TYPE_CHANGE : FieldDifference.Kind.VALUE, e, s));
        }
    }

    /** A value with its BSON type, cut short for one line: {@code int 5}, {@code string "csv"}. */
    static String show(Object value) {
        String text = value instanceof String str ? '"' + str + '"'
                : value instanceof Map<?, ?> || value instanceof List<?>
                        ? Shell.json(new Document("v", value)).replaceFirst("^\\{\"v\": ", "").replaceFirst("}$", "")
                        : value instanceof ObjectId id ? "ObjectId(\"" + id.toHexString() + "\")"
                        : String.valueOf(value);
        if (text.length() > SHOWN_CHARS) {
            text = text.substring(0, SHOWN_CHARS) + "…";
        }
        return value == null ? "null" : typeName(value) + " " + text;
    }

    static String typeName(Object value) {
        if (value instanceof Integer) {
            return "int";
        } else if (value instanceof Long) {
            return "long";
        } else if (value instanceof Double) {
            return "double";
        } else if (value instanceof Decimal128) {
            return "decimal";
        } else if (value instanceof String) {
            return "string";
        } else if (value instanceof Boolean) {
            return "bool";
        } else if (value instanceof Date) {
            return "date";
        } else if (value instanceof ObjectId) {
            return "objectId";
        } else if (value instanceof UUID) {
            return "uuid";
        } else if (value instanceof Binary) {
            return "binData";
        } else if (value instanceof Map<?, ?>) {
            return "object";
        } else if (value instanceof List<?>) {
            return "array";
        }
        return value.getClass().getSimpleName();
    }
}
