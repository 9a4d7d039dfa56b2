package dev.ferry.demo;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Builds the collections runbook 004's migrations touch, in the shape its text shows: orders, delivery_statuses,
 * subscriptions_v2, users, customers_v2, billing_records. Deterministic: document {@code i} of a collection depends
 * only on the seed, the collection and {@code i}. Some documents already carry a field a migration adds (legacy
 * values that a rollback must keep), and users and customers share phone numbers, so links can be backfilled.
 */
public final class EarlybirdGenerator {

    public static final long DEFAULT_SEED = 42;
    private static final Instant EPOCH = Instant.parse("2025-06-01T00:00:00Z");
    private static final String[] FIRST = {"Asha", "Ravi", "Meera", "John", "Priya", "Karan", "Lena", "Omar",
        "Sara", "Vikram", "Nina", "Arjun"};
    private static final String[] LAST = {"Rao", "Iyer", "Doe", "Shah", "Patel", "Khan", "Menon", "Das", "Nair"};
    private static final String[] ORDER_STATUS = {"pending", "confirmed", "out_for_delivery", "delivered",
        "delivered", "delivered", "cancelled"};
    private static final String[] SUB_STATUS = {"active", "active", "active", "paused", "cancelled"};
    private static final String[] PRODUCTS = {"milk_500ml", "milk_1l", "curd_400g", "paneer_200g", "bread",
        "eggs_6", "ghee_500ml"};

    private final long seed;

    public EarlybirdGenerator(long seed) {
        this.seed = seed;
    }

    /** The collection sizes for {@code orders} orders: about 5,700 documents for the default 2,000. */
    public record Sizes(int orders, int users, int customers, int subscriptions, int deliveries, int billing) {
        public static Sizes forOrders(int orders) {
            return new Sizes(orders, Math.max(1, orders / 4), Math.max(1, orders / 5), Math.max(1, orders / 4),
                    orders * 3 / 4, orders * 2 / 5);
        }
    }

    public List<Document> users(Sizes s) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < s.users(); i++) {
            SplittableRandom r = random(1, i);
            Document d = new Document("_id", id(1, i)).append("id", String.format("user-%05d", i))
                    .append("email", "user" + i + "@example.com").append("name", name(r))
                    .append("phone", phone(i % Math.max(1, s.customers())))
                    .append("role", r.nextInt(20) == 0 ? "delivery_boy" : "customer")
                    .append("created_at", date(r, 300));
            if (i % 10 == 3) {
                d.append("customer_v2_id", String.format("cust-%05d", i % Math.max(1, s.customers()))); // legacy link
            }
            out.add(d);
        }
        return out;
    }

    public List<Document> customers(Sizes s) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < s.customers(); i++) {
            SplittableRandom r = random(2, i);
            out.add(new Document("_id", id(2, i)).append("id", String.format("cust-%05d", i)).append("name", name(r))
                    .append("phone", phone(i)).append("address", (1 + r.nextInt(400)) + " Main Road, Sector "
                            + (1 + r.nextInt(60))).append("status", r.nextInt(8) == 0 ? "inactive" : "active")
                    .append("created_at", date(r, 365)));
        }
        return out;
    }

    public List<Document> subscriptions(Sizes s) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < s.subscriptions(); i++) {
            SplittableRandom r = random(3, i);
            int customer = r.nextInt(s.customers());
            out.add(new Document("_id", id(3, i)).append("id", String.format("sub-%05d", i))
                    .append("customer_id", String.format("cust-%05d", customer))
                    .append("user_id", String.format("user-%05d", customer % s.users()))
                    .append("status", SUB_STATUS[r.nextInt(SUB_STATUS.length)])
                    .append("product", PRODUCTS[r.nextInt(PRODUCTS.length)]).append("quantity", 1 + r.nextInt(3))
                    .append("start_date", date(r, 200)));
        }
        return out;
    }

    public List<Document> orders(Sizes s) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < s.orders(); i++) {
            SplittableRandom r = random(4, i);
            int customer = r.nextInt(s.customers());
            List<Document> items = new ArrayList<>();
            for (int k = 0, n = 1 + r.nextInt(3); k < n; k++) {
                items.add(new Document("product", PRODUCTS[r.nextInt(PRODUCTS.length)]).append("qty", 1 + r.nextInt(4))
                        .append("price", 20 + r.nextInt(200)));
            }
            Document d = new Document("_id", id(4, i)).append("id", String.format("order-%06d", i))
                    .append("user_id", String.format("user-%05d", customer % s.users()))
                    .append("customer_id", String.format("cust-%05d", customer))
                    .append("status", ORDER_STATUS[r.nextInt(ORDER_STATUS.length)])
                    .append("delivery_date", date(r, 120)).append("items", items)
                    .append("total", items.stream().mapToInt(it -> it.getInteger("qty") * it.getInteger("price")).sum());
            if (r.nextInt(7) == 0) { // subscription orders from before the migration already carry their link
                d.append("subscription_id", String.format("sub-%05d", r.nextInt(s.subscriptions())));
            }
            out.add(d);
        }
        return out;
    }

    public List<Document> deliveries(Sizes s) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < s.deliveries(); i++) {
            SplittableRandom r = random(5, i);
            Document d = new Document("_id", id(5, i)).append("id", String.format("dlv-%06d", i))
                    .append("customer_id", String.format("cust-%05d", r.nextInt(s.customers())))
                    .append("delivery_date", date(r, 120)).append("status", r.nextInt(10) == 0 ? "missed" : "delivered");
            if (r.nextInt(20) == 0) {
                d.append("order_id", String.format("order-%06d", r.nextInt(s.orders()))); // a few already linked
            }
            out.add(d);
        }
        return out;
    }

    public List<Document> billing(Sizes s) {
        List<Document> out = new ArrayList<>();
        for (int i = 0; i < s.billing(); i++) {
            SplittableRandom r = random(6, i);
            out.add(new Document("_id", id(6, i)).append("id", String.format("bill-%05d", i))
                    .append("customer_id", String.format("cust-%05d", r.nextInt(s.customers())))
                    .append("period", "2026-" + String.format("%02d", 1 + r.nextInt(12)))
                    .append("amount", Math.round(r.nextDouble(100, 5000) * 100) / 100.0).append("paid", r.nextBoolean()));
        }
        return out;
    }

    private SplittableRandom random(int collection, int i) {
        return new SplittableRandom(seed * 1_000_003L + collection * 100_000_007L + i);
    }

    /** ObjectIds in insertion order: a fixed time, the collection, the index. */
    private static ObjectId id(int collection, int i) {
        return new ObjectId(ByteBuffer.allocate(12).putInt((int) EPOCH.getEpochSecond()).putInt(collection).putInt(i)
                .array());
    }

    private static String name(SplittableRandom r) {
        return FIRST[r.nextInt(FIRST.length)] + " " + LAST[r.nextInt(LAST.length)];
    }

    /** Customer {@code i}'s phone; users share them, which is what a phone-based link backfill matches on. */
    private static String phone(int i) {
        return String.format("98765%05d", i);
    }

    private static Date date(SplittableRandom r, int days) {
        return Date.from(EPOCH.plus(r.nextInt(days * 24), ChronoUnit.HOURS));
    }
}
