package dev.ferry.engine.split.validate;

import java.util.Locale;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/** Queries written the way a DBA would paste them into mongosh, and numbers the way they read them. */
public final class Shell {

    private static final JsonWriterSettings SHELL = JsonWriterSettings.builder().outputMode(JsonMode.SHELL).build();

    private Shell() {
    }

    /** A filter or document in mongosh syntax ({@code ObjectId("…")}, {@code NumberLong(…)}). */
    public static String json(Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, com.mongodb.MongoClientSettings.getDefaultCodecRegistry())
                .toJson(SHELL);
    }

    public static String count(String collection, Bson filter) {
        return "db." + collection + ".countDocuments(" + json(filter) + ")";
    }

    /** Both filters; an empty one drops out, so queries stay as short as the plan wrote them. */
    public static Bson and(Bson a, Bson b) {
        if (isEmpty(a)) {
            return b;
        }
        if (isEmpty(b)) {
            return a;
        }
        return new Document("$and", java.util.List.of(a, b));
    }

    /** Thousands grouped: 10,523. */
    public static String n(long value) {
        return String.format(Locale.US, "%,d", value);
    }

    private static boolean isEmpty(Bson filter) {
        return filter instanceof Document d ? d.isEmpty()
                : filter.toBsonDocument(BsonDocument.class, com.mongodb.MongoClientSettings.getDefaultCodecRegistry())
                        .isEmpty();
    }
}
