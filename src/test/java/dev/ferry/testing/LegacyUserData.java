package dev.ferry.testing;

import dev.ferry.demo.UserDataGenerator;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Runbook 000's user_data as a legacy collection looks after years of imports: mostly ObjectId keys, with string keys
 * from an old system ({@code legacy-10013}), integer and long keys from a bulk load, and a few documents keyed by a
 * sub-document; some dates kept as text. Deterministic for a seed.
 */
public final class LegacyUserData {

    private LegacyUserData() {
    }

    /**
     * {@code count} documents: every 20th keyed by an int, every 33rd by a long, every 9th by a string, every 101st by
     * a document, the rest by ObjectId; every 7th has {@code created_at} as text instead of a date.
     */
    public static List<Document> documents(long seed, int count) {
        List<Document> docs = new ArrayList<>(count);
        for (Document d : new UserDataGenerator(seed).documents(0, count)) {
            int i = docs.size();
            Document legacy = new Document(d);
            if (i % 20 == 0) {
                legacy.put("_id", 7_000 + i);
            } else if (i % 33 == 0) {
                legacy.put("_id", 9_000_000_000L + i);
            } else if (i % 9 == 0) {
                legacy.put("_id", "legacy-" + (10_000 + i));
            } else if (i % 101 == 0) {
                legacy.put("_id", new Document("system", "crm").append("n", i));
            }
            if (i % 7 == 0 && legacy.get("created_at") instanceof java.util.Date date) {
                legacy.put("created_at", date.toInstant().toString().replace('T', ' ').replace("Z", ""));
            }
            docs.add(legacy);
        }
        return docs;
    }

    /** How many of {@code count} documents {@link #documents} keys by a number (the first bracket in key order). */
    public static int numericKeys(int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (i % 20 == 0 || i % 33 == 0) {
                n++;
            }
        }
        return n;
    }

    /** How many are keyed by a string (the second bracket). */
    public static int stringKeys(int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (i % 20 != 0 && i % 33 != 0 && i % 9 == 0) {
                n++;
            }
        }
        return n;
    }
}
