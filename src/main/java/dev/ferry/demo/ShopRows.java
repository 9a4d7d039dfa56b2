package dev.ferry.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Generates the shop's rows deterministically from a seed, as COPY text (one chunk of lines at a time, so a million
 * orders never sit in memory at once). Shapes as real shops have them: names with accents and apostrophes, missing
 * companies and phones, phone numbers in national formats, customers with no orders, prices that changed between
 * the catalogue and the order, microseconds in timestamps, notes with quotes and line breaks.
 */
final class ShopRows {
    static final int CHUNK = 10_000;
    private static final String[] FIRST = {"Ada", "José", "Zoë", "Siobhán", "Lars", "Mei", "Ngozi", "Tomasz", "Aiko",
        "Ravi", "Chloé", "Björn", "Fatima", "Liam", "Inês", "Kwame", "Olga", "Mateo", "Yuki", "Hannah"};
    private static final String[] LAST = {"O'Brien", "Müller", "Nguyễn", "Silva", "van der Berg", "Smith", "Ødegaard",
        "García-López", "Kowalski", "Tanaka", "Okafor", "Rossi", "Dubois", "Haddad", "Johansson", "Patel", "D'Amico"};
    private static final String[][] PLACES = {{"PT", "Porto"}, {"PT", "Lisboa"}, {"DE", "Berlin"}, {"DE", "München"},
        {"FR", "Lyon"}, {"GB", "London"}, {"US", "Portland"}, {"US", "New York"}, {"BR", "São Paulo"},
        {"JP", "大阪"}, {"IN", "Bengaluru"}, {"ES", "Sevilla"}, {"NL", "Utrecht"}, {"SE", "Göteborg"}};
    private static final String[] CATEGORIES = {"Beverages", "Condiments", "Confections", "Dairy", "Grains",
        "Produce", "Seafood", "Household"};
    private static final String[] ADJECTIVES = {"Smoked", "Organic", "Aged", "Spiced", "Roasted", "Wild", "Golden",
        "Dark", "Sparkling", "Salted"};
    private static final String[] NOUNS = {"Coffee", "Honey", "Sardines", "Cheddar", "Rice", "Olive Oil", "Tea",
        "Chocolate", "Mustard", "Soap", "Figs", "Anchovies"};
    private static final String[] STATUSES = {"pending", "paid", "shipped", "delivered", "delivered", "delivered",
        "cancelled", "refunded"};
    private static final String[] NOTES = {"Leave at the door — ring twice", "Gift: \"Happy birthday, Zoë!\"",
        "Deliver after 6pm\nside entrance", "Fragile \\ handle with care", "Bitte nicht knicken"};
    private static final Instant OPENED = Instant.parse("2016-01-01T00:00:00Z");

    private final long seed;

    ShopRows(long seed) {
        this.seed = seed;
    }

    /** The sizes a shop of {@code customers} customers has: products, and how orders and items spread. */
    record Sizes(int customers, int products) {
        static Sizes forCustomers(int customers) {
            return new Sizes(customers, Math.max(20, Math.min(2_000, customers / 5)));
        }
    }

    /** What was written, per table. */
    record Counts(long customers, long products, long orders, long items) { }

    void customers(Sizes sizes, Consumer<String> chunks) {
        StringBuilder out = new StringBuilder();
        for (int id = 1; id <= sizes.customers(); id++) {
            SplittableRandom r = random(1, id);
            String first = FIRST[r.nextInt(FIRST.length)];
            String last = LAST[r.nextInt(LAST.length)];
            String[] place = PLACES[r.nextInt(PLACES.length)];
            String email = ascii(first + "." + last).toLowerCase() + "." + id + "@example.org";
            String company = r.nextInt(3) == 0 ? last + (r.nextBoolean() ? " & Filhos" : " Trading GmbH") : null;
            row(out, id, email, first, last, company, phone(r, place[0]), place[0], place[1], created(id, r),
                    r.nextInt(4) == 0);
            flush(out, chunks, id);
        }
        chunks.accept(out.toString());
    }

    void products(Sizes sizes, Consumer<String> chunks) {
        StringBuilder out = new StringBuilder();
        for (int id = 1; id <= sizes.products(); id++) {
            SplittableRandom r = random(2, id);
            String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
            String name = ADJECTIVES[r.nextInt(ADJECTIVES.length)] + " " + NOUNS[r.nextInt(NOUNS.length)];
            String tags = "{" + category.toLowerCase() + (r.nextBoolean() ? ",\"gift idea\"" : "") + "}";
            String attributes = r.nextInt(4) == 0 ? null : "{\"weight_g\": " + (50 * (1 + r.nextInt(40)))
                    + ", \"origin\": \"" + PLACES[r.nextInt(PLACES.length)][0] + "\", \"organic\": " + r.nextBoolean() + "}";
            row(out, id, String.format("SKU-%05d", id), name, category, price(id), r.nextInt(20) == 0, tags, attributes);
        }
        chunks.accept(out.toString());
    }

    /**
     * Orders and their items, customer by customer, each to its own consumer in chunks; a chunk of orders is always
     * given before the chunk of their items.
     */
    Counts orders(Sizes sizes, Consumer<String> orderChunks, Consumer<String> itemChunks) {
        StringBuilder orders = new StringBuilder();
        StringBuilder items = new StringBuilder();
        long orderId = 0;
        long itemId = 0;
        for (int customer = 1; customer <= sizes.customers(); customer++) {
            SplittableRandom r = random(3, customer);
            int count = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(9); // about one customer in ten never ordered
            Instant since = created(customer, random(1, customer));
            for (int o = 0; o < count; o++) {
                orderId++;
                String status = STATUSES[r.nextInt(STATUSES.length)];
                Instant ordered = since.plus(1 + r.nextInt(2_000), ChronoUnit.DAYS).plusNanos(r.nextLong(86_400_000_000L) * 1_000);
                boolean shipped = status.equals("shipped") || status.equals("delivered") || status.equals("refunded");
                String currency = r.nextInt(5) == 0 ? (r.nextBoolean() ? "USD" : "GBP") : "EUR";
                String fee = new String[] {"0.00", "4.99", "9.90"}[r.nextInt(3)];
                row(orders, orderId, customer, status, ordered, shipped ? ordered.plus(1 + r.nextInt(5), ChronoUnit.DAYS)
                        : null, currency, fee, r.nextInt(12) == 0 ? NOTES[r.nextInt(NOTES.length)] : null);
                int lines = 1 + r.nextInt(r.nextInt(4) == 0 ? 12 : 4);
                for (int line = 1; line <= lines; line++) {
                    itemId++;
                    int product = 1 + r.nextInt(sizes.products());
                    BigDecimal unit = price(product);
                    if (r.nextInt(6) == 0) { // the catalogue price changed since this order
                        unit = unit.multiply(BigDecimal.valueOf(90 + r.nextInt(21), 2)).setScale(2, java.math.RoundingMode.HALF_UP);
                    }
                    String discount = new String[] {"0", "0", "0", "0.050", "0.100", "0.150"}[r.nextInt(6)];
                    row(items, orderId, line, itemId, product, r.nextInt(5) == 0 ? 1 + r.nextInt(10) : 1 + r.nextInt(3),
                            unit, discount);
                }
                if (orderId % CHUNK == 0) { // orders first, then their items: every item's order is already there
                    orderChunks.accept(orders.toString());
                    itemChunks.accept(items.toString());
                    orders.setLength(0);
                    items.setLength(0);
                }
            }
        }
        orderChunks.accept(orders.toString());
        itemChunks.accept(items.toString());
        return new Counts(sizes.customers(), sizes.products(), orderId, itemId);
    }

    /** A product's catalogue price, from its id alone (items look it up). */
    private BigDecimal price(int product) {
        SplittableRandom r = random(4, product);
        int cents = r.nextInt(5) == 0 ? 50 + r.nextInt(25_000) : 99 + 100 * r.nextInt(40);
        return BigDecimal.valueOf(cents, 2);
    }

    private Instant created(int customer, SplittableRandom r) {
        return OPENED.plus(customer % 2_900, ChronoUnit.DAYS).plusNanos(r.nextLong(86_400_000_000L) * 1_000);
    }

    private static String phone(SplittableRandom r, String country) {
        if (r.nextInt(5) == 0) {
            return null;
        }
        int n = 1_000_000 + r.nextInt(8_999_999);
        return switch (country) {
            case "US" -> "(503) 555-" + String.format("%04d", n % 10_000);
            case "PT" -> "+351 91" + (n % 10) + " " + (n / 1000 % 1000) + " " + String.format("%03d", n % 1000);
            case "DE" -> "030 " + n;
            default -> "+" + (10 + n % 80) + " " + n;
        };
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z.]", "");
    }

    private SplittableRandom random(int table, long id) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (table * 1_000_003L + id) * 0xBF58476D1CE4E5B9L);
    }

    private static void flush(StringBuilder out, Consumer<String> chunks, long written) {
        if (written % CHUNK == 0) {
            chunks.accept(out.toString());
            out.setLength(0);
        }
    }

    /** One COPY text line: tab-separated, NULL as \N, backslash, tab and line breaks escaped. */
    private static void row(StringBuilder out, Object... values) {
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : "\t");
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else {
                String text = v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v);
                out.append(text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r"));
            }
        }
        out.append('\n');
    }

    static List<String> columns(String table) {
        return switch (table) {
            case "customers" -> List.of("customer_id", "email", "first_name", "last_name", "company", "phone",
                    "country", "city", "created_at", "marketing_opt_in");
            case "products" -> List.of("product_id", "sku", "name", "category", "unit_price", "discontinued", "tags",
                    "attributes");
            case "orders" -> List.of("order_id", "customer_id", "status", "ordered_at", "shipped_at", "currency",
                    "shipping_fee", "notes");
            case "order_items" -> List.of("order_id", "line_no", "item_id", "product_id", "quantity", "unit_price",
                    "discount");
            default -> new ArrayList<>();
        };
    }
}
