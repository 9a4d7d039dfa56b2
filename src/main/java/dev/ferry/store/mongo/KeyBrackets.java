package dev.ferry.store.mongo;

import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import dev.ferry.FerryException;
import dev.ferry.store.SourceKeys;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.BsonRegularExpression;
import org.bson.BsonTimestamp;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.MaxKey;
import org.bson.types.MinKey;
import org.bson.types.ObjectId;
import org.bson.types.Symbol;

/**
 * Keyset pages over keys of any type, in MongoDB's own sort order: one type bracket after another (numbers, then
 * strings, objects, binary, ObjectIds, booleans, dates, …). A range operator matches within its value's bracket only
 * ({@code {$gt: "legacy-9"}} never matches an ObjectId), so "after this key" is "greater in its bracket, or in any
 * later bracket", and "up to this key" the same the other way.
 */
public final class KeyBrackets {

    /** MongoDB's comparison order of BSON types, as {@code $type} aliases per bracket. */
    private static final List<List<String>> ORDER = List.of(
            List.of("minKey"), List.of("null"), List.of("number"), List.of("string"),
            List.of("object"), List.of("array"), List.of("binData"), List.of("objectId"), List.of("bool"),
            List.of("date"), List.of("timestamp"), List.of("regex"), List.of("maxKey"));

    private KeyBrackets() {
    }

    /** Records whose key sorts after {@code last}, whatever its type. */
    public static Bson after(String key, Object last) {
        List<String> later = aliases(bracketOf(last) + 1, ORDER.size());
        return later.isEmpty() ? gt(key, last) : or(gt(key, last), ofTypes(key, later));
    }

    /** Records whose key sorts at or before {@code last}, whatever its type. */
    public static Bson upTo(String key, Object last) {
        List<String> earlier = aliases(0, bracketOf(last));
        return earlier.isEmpty() ? lte(key, last) : or(lte(key, last), ofTypes(key, earlier));
    }

    /** The position of a key's type in MongoDB's sort order; a type MongoDB cannot order as a key is refused. */
    public static int bracketOf(Object key) {
        String alias = alias(key);
        for (int i = 0; i < ORDER.size(); i++) {
            if (ORDER.get(i).contains(alias)) {
                return i;
            }
        }
        throw new FerryException("A source key of type " + key.getClass().getSimpleName() + " (" + SourceKeys
                .render(key) + ") cannot be paged in key order. Use a key of a plain type (number, string, ObjectId,"
                + " date, document) or exclude these records with the plan's source filter.");
    }

    /** Records whose key is in the bracket at this position of MongoDB's order. */
    public static Bson inBracket(String key, int bracket) {
        return ofTypes(key, ORDER.get(bracket));
    }

    /** The bracket's name as a person reads it ("string", "objectId"), for messages. */
    public static String name(Object key) {
        return ORDER.get(bracketOf(key)).get(0);
    }

    private static String alias(Object key) {
        if (key == null) {
            return "null";
        }
        if (key instanceof Number || key instanceof Decimal128) {
            return "number";
        }
        if (key instanceof String || key instanceof Symbol) {
            return "string";
        }
        if (key instanceof Map<?, ?>) {
            return "object";
        }
        if (key instanceof List<?>) {
            return "array";
        }
        if (key instanceof Binary || key instanceof byte[] || key instanceof UUID) {
            return "binData";
        }
        if (key instanceof ObjectId) {
            return "objectId";
        }
        if (key instanceof Boolean) {
            return "bool";
        }
        if (key instanceof Date) {
            return "date";
        }
        if (key instanceof BsonTimestamp) {
            return "timestamp";
        }
        if (key instanceof Pattern || key instanceof BsonRegularExpression) {
            return "regex";
        }
        if (key instanceof MinKey) {
            return "minKey";
        }
        if (key instanceof MaxKey) {
            return "maxKey";
        }
        return key.getClass().getSimpleName();
    }

    private static List<String> aliases(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.addAll(ORDER.get(i));
        }
        return out;
    }

    private static Bson ofTypes(String key, List<String> aliases) {
        return new Document(key, new Document("$type", aliases));
    }
}
