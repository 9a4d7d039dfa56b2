package dev.ferry.demo;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Builds demo {@code narrative_modeling.user_data} documents shaped like runbook 000's UserData
 * (spec/userdata-shape.md). Deterministic: document {@code i} depends only on the seed and {@code i}, _ids included,
 * so two runs with the same seed produce identical collections and any slice can be generated on its own.
 */
public final class UserDataGenerator {

    public static final long DEFAULT_SEED = 42;

    /** A seeded set of at least this many documents holds at least {@link #MIN_INVALID} documents with a bad history item. */
    public static final int INVALID_WINDOW = 1_000;
    public static final int MIN_INVALID = 3;
    /** Beyond the first window, about one document in this many carries a bad history item. */
    private static final int INVALID_ONE_IN = 2_000;

    private static final long EPOCH_SECONDS = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    private static final int USERS = 500;

    private static final String[] BASES = {"sales", "customers", "inventory", "marketing_spend", "web_traffic",
        "survey_results", "employees", "sensor_readings", "transactions", "churn", "support_tickets", "shipments"};
    private static final String[] EXTENSIONS = {"csv", "csv", "csv", "csv", "csv", "csv", "xlsx", "xlsx", "json",
        "json", "parquet"};
    private static final String[][] COLUMNS = {
        {"revenue", "float"}, {"quantity", "integer"}, {"price", "float"}, {"region", "string"},
        {"customer_id", "string"}, {"order_date", "datetime"}, {"is_returned", "boolean"}, {"category", "string"},
        {"discount", "float"}, {"age", "integer"}, {"zip_code", "string"}, {"signup_date", "datetime"},
        {"score", "float"}, {"clicks", "integer"}, {"country", "string"}, {"product", "string"},
        {"status", "string"}, {"is_active", "boolean"}, {"rating", "integer"}, {"temperature", "float"},
        {"sensor_id", "string"}, {"recorded_at", "datetime"}, {"department", "string"}, {"salary", "float"}};
    private static final String[][] PII_COLUMNS = {
        {"email", "string", "email"}, {"phone", "string", "phone_number"}, {"full_name", "string", "person_name"},
        {"address", "string", "street_address"}, {"ssn", "string", "us_ssn"}};
    private static final String[] OPERATIONS = {"drop_column", "fill_na", "rename_column", "cast_type",
        "filter_rows", "normalize"};
    private static final String[] ISSUES = {"missing values in %s", "outliers in %s", "mixed types in %s",
        "inconsistent date format in %s", "duplicate rows"};

    private final long seed;
    private final Set<Integer> invalidInFirstWindow = new HashSet<>();
    private final byte[] idMiddle = new byte[5];

    public UserDataGenerator(long seed) {
        this.seed = seed;
        SplittableRandom picks = new SplittableRandom(seed ^ 0x5DEECE66DL);
        while (invalidInFirstWindow.size() < MIN_INVALID) {
            invalidInFirstWindow.add(picks.nextInt(INVALID_WINDOW));
        }
        for (int i = 0; i < idMiddle.length; i++) {
            idMiddle[i] = (byte) picks.nextInt(256);
        }
    }

    public long seed() {
        return seed;
    }

    /** Documents {@code from} .. {@code from + count - 1}. */
    public List<Document> documents(int from, int count) {
        List<Document> docs = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            docs.add(document(i));
        }
        return docs;
    }

    /** Whether document {@code index} carries a history item without {@code operation} or with a non-date timestamp. */
    public boolean hasInvalidHistory(int index) {
        if (index < INVALID_WINDOW) {
            return invalidInFirstWindow.contains(index);
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index ^ 0x1F2E3D4CL).nextInt(INVALID_ONE_IN) == 0;
    }

    /** The _id of document {@code index}: ascending with the index, so natural order, _id order and index agree. */
    public ObjectId objectId(int index) {
        ByteBuffer bytes = ByteBuffer.allocate(12);
        bytes.putInt((int) (EPOCH_SECONDS + index));
        bytes.put(idMiddle);
        bytes.put((byte) (index >>> 16)).put((byte) (index >>> 8)).put((byte) index);
        return new ObjectId(bytes.array());
    }

    public Document document(int index) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        String user = String.format(Locale.ROOT, "user_%04d", rnd.nextInt(USERS));
        String base = pick(rnd, BASES);
        String ext = pick(rnd, EXTENSIONS);
        String stem = base + "_" + (2022 + rnd.nextInt(3)) + "_q" + (1 + rnd.nextInt(4));
        String filename = stem + "." + ext;
        Instant created = Instant.ofEpochSecond(EPOCH_SECONDS + rnd.nextLong(365L * 24 * 3600));
        boolean pii = rnd.nextInt(100) < 25;
        List<String[]> columns = columns(rnd, pii);
        int numRows = 100 + rnd.nextInt(250_000);

        Document d = new Document("_id", objectId(index));
        if (rnd.nextInt(100) < 70) {
            d.append("id", new UUID(rnd.nextLong() & 0xffffffffffff0fffL | 0x4000L,
                    rnd.nextLong() & 0x3fffffffffffffffL | 0x8000000000000000L).toString());
        }
        d.append("user_id", user)
                .append("filename", filename)
                .append("original_filename", titleCase(stem) + "." + ext)
                .append("s3_url", "s3://nm-datasets/" + user + "/" + filename);
        if (rnd.nextInt(100) < 90) {
            d.append("file_path", "/data/uploads/" + user + "/" + filename);
        }
        if (rnd.nextInt(100) < 85) {
            d.append("file_type", rnd.nextInt(100) < 10 ? null : ext);
        }
        d.append("num_rows", numRows);
        if (rnd.nextInt(100) < 15) {
            d.append("row_count", numRows + 1 + rnd.nextInt(500));
        }
        d.append("num_columns", columns.size())
                .append("data_schema", dataSchema(rnd, columns))
                .append("contains_pii", pii);
        if (pii) {
            appendPii(d, rnd, columns);
        }
        boolean processed = rnd.nextInt(100) < 85;
        d.append("is_processed", processed);
        if (processed) {
            d.append("processed_at", date(created, 30 + rnd.nextInt(3_600)));
        }
        if (rnd.nextInt(100) < 80) {
            d.append("schema", schema(columns));
        }
        if (rnd.nextInt(100) < 70) {
            d.append("statistics", statistics(rnd, columns));
        }
        if (rnd.nextInt(100) < 60) {
            d.append("quality_report", qualityReport(rnd, columns));
        }
        if (rnd.nextInt(100) < 80) {
            d.append("data_preview", preview(rnd, columns));
        }
        if (rnd.nextInt(100) < 50) {
            d.append("aiSummary", String.format(Locale.ROOT,
                    "This dataset holds %,d rows and %d columns of %s data; the key columns are %s.",
                    numRows, columns.size(), base.replace('_', ' '), columns.get(0)[0]));
        }
        if (rnd.nextInt(100) < 75) {
            int step = 1 + rnd.nextInt(5);
            d.append("onboarding_progress", new Document("step", step).append("completed", step == 5));
        }
        List<Document> history = history(rnd, user, created, columns, hasInvalidHistory(index));
        d.append("transformation_history", history);
        long lastMinute = history.isEmpty() ? 0 : 60L * 7 * history.size();
        d.append("created_at", Date.from(created))
                .append("updated_at", date(created, lastMinute * 60 + 60 + rnd.nextInt(86_400)));
        return d;
    }

    private static List<String[]> columns(SplittableRandom rnd, boolean pii) {
        int n = 1 + rnd.nextInt(12);
        List<String[]> pool = new ArrayList<>(List.of(COLUMNS));
        List<String[]> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            chosen.add(pool.remove(rnd.nextInt(pool.size())));
        }
        if (pii) {
            // at least one PII column, so the PII report names real columns
            List<String[]> piiPool = new ArrayList<>(List.of(PII_COLUMNS));
            int piiCount = Math.min(chosen.size(), 1 + rnd.nextInt(2));
            for (int i = 0; i < piiCount; i++) {
                chosen.set(chosen.size() - 1 - i, piiPool.remove(rnd.nextInt(piiPool.size())));
            }
        }
        return chosen;
    }

    private static List<Document> dataSchema(SplittableRandom rnd, List<String[]> columns) {
        List<Document> items = new ArrayList<>(columns.size());
        for (String[] c : columns) {
            Document item = new Document("name", c[0]).append("type", c[1]);
            if (rnd.nextInt(100) >= 20) {
                item.append("nullable", rnd.nextBoolean());
            }
            if (rnd.nextInt(100) >= 15) {
                item.append("sample_values", List.of(value(rnd, c), value(rnd, c), value(rnd, c)));
            }
            items.add(item);
        }
        return items;
    }

    private static void appendPii(Document d, SplittableRandom rnd, List<String[]> columns) {
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String[] c : columns) {
            if (c.length > 2) {
                types.add(c[2]);
                names.add(c[0]);
            }
        }
        String risk = types.contains("us_ssn") ? "high" : types.size() > 1 ? "medium" : "low";
        d.append("pii_report", new Document("detected_types", types).append("columns", names)
                        .append("confidence", round2(0.6 + rnd.nextDouble() * 0.39)))
                .append("pii_risk_level", risk)
                .append("pii_masked", rnd.nextInt(100) < 40);
    }

    private static Document schema(List<String[]> columns) {
        List<String> names = new ArrayList<>();
        Document types = new Document();
        for (String[] c : columns) {
            names.add(c[0]);
            types.append(c[0], c[1]);
        }
        return new Document("columns", names).append("types", types);
    }

    private static Document statistics(SplittableRandom rnd, List<String[]> columns) {
        Document stats = new Document();
        for (String[] c : columns) {
            if (c[1].equals("integer") || c[1].equals("float")) {
                double min = round2(rnd.nextDouble() * 100);
                double max = round2(min + 1 + rnd.nextDouble() * 10_000);
                stats.append(c[0], new Document("mean", round2(min + (max - min) * (0.3 + rnd.nextDouble() * 0.4)))
                        .append("min", min).append("max", max).append("nulls", rnd.nextInt(50)));
            }
        }
        return stats;
    }

    private static Document qualityReport(SplittableRandom rnd, List<String[]> columns) {
        List<String> issues = new ArrayList<>();
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            issues.add(String.format(Locale.ROOT, pick(rnd, ISSUES), columns.get(rnd.nextInt(columns.size()))[0]));
        }
        return new Document("score", round2(0.5 + rnd.nextDouble() * 0.5)).append("issues", issues);
    }

    private static List<Document> preview(SplittableRandom rnd, List<String[]> columns) {
        int rows = 1 + rnd.nextInt(5);
        List<Document> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            Document row = new Document();
            for (String[] c : columns) {
                row.append(c[0], value(rnd, c));
            }
            out.add(row);
        }
        return out;
    }

    private static List<Document> history(SplittableRandom rnd, String user, Instant created, List<String[]> columns,
                                          boolean invalid) {
        int n = rnd.nextInt(100) < 35 ? 0 : 1 + rnd.nextInt(6);
        if (invalid && n == 0) {
            n = 1 + rnd.nextInt(3);
        }
        List<Document> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String op = pick(rnd, OPERATIONS);
            String column = columns.get(rnd.nextInt(columns.size()))[0];
            items.add(new Document("operation", op)
                    .append("parameters", parameters(rnd, op, column))
                    .append("timestamp", date(created, 60L * (7 * i + 1 + rnd.nextInt(6))))
                    .append("user", user));
        }
        if (invalid) {
            Document bad = items.get(rnd.nextInt(n));
            if (rnd.nextBoolean()) {
                bad.remove("operation");
            } else {
                bad.put("timestamp", "yesterday");
            }
        }
        return items;
    }

    private static Document parameters(SplittableRandom rnd, String op, String column) {
        return switch (op) {
            case "drop_column" -> new Document("column", column);
            case "fill_na" -> new Document("column", column).append("value", rnd.nextBoolean() ? 0 : "unknown");
            case "rename_column" -> new Document("from", column).append("to", column + "_clean");
            case "cast_type" -> new Document("column", column).append("to", rnd.nextBoolean() ? "float" : "string");
            case "filter_rows" -> new Document("expression", column + " IS NOT NULL");
            default -> new Document("column", column).append("method", rnd.nextBoolean() ? "min_max" : "z_score");
        };
    }

    private static Object value(SplittableRandom rnd, String[] column) {
        return switch (column[1]) {
            case "integer" -> rnd.nextInt(10_000);
            case "float" -> round2(rnd.nextDouble() * 1_000);
            case "boolean" -> rnd.nextBoolean();
            case "datetime" -> Date.from(Instant.ofEpochSecond(EPOCH_SECONDS - rnd.nextLong(3L * 365 * 86_400)));
            default -> column[0].equals("email") ? "person" + rnd.nextInt(1_000) + "@example.com"
                    : column[0] + "_" + rnd.nextInt(1_000);
        };
    }

    private static Date date(Instant from, long plusSeconds) {
        return Date.from(from.plusSeconds(plusSeconds));
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String pick(SplittableRandom rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static String titleCase(String stem) {
        StringBuilder out = new StringBuilder();
        for (String word : stem.split("_")) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return out.toString();
    }
}
