package dev.ferry.store.mongo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * MongoDB's order of keys within one type bracket, for the key types whose order is simple to state (numbers by
 * value, strings by their UTF-8 bytes, ObjectIds, dates, booleans, binary by length, subtype, then bytes). Empty for
 * a bracket it cannot order (documents, arrays): a sample of such keys is not cut inside the bracket.
 */
final class KeyOrder {

    private KeyOrder() {
    }

    /** An order for these keys, all of one bracket; empty when it cannot order one of them. */
    static Optional<Comparator<Object>> of(List<Object> keys) {
        if (keys.stream().allMatch(k -> k instanceof Number || k instanceof Decimal128)) {
            return Optional.of(Comparator.comparing(KeyOrder::decimal));
        }
        if (keys.stream().allMatch(k -> k instanceof String)) {
            return Optional.of((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));
        }
        if (keys.stream().allMatch(k -> k instanceof ObjectId)) {
            return Optional.of((a, b) -> ((ObjectId) a).compareTo((ObjectId) b));
        }
        if (keys.stream().allMatch(k -> k instanceof Date)) {
            return Optional.of((a, b) -> ((Date) a).compareTo((Date) b));
        }
        if (keys.stream().allMatch(k -> k instanceof Boolean)) {
            return Optional.of((a, b) -> Boolean.compare((Boolean) a, (Boolean) b));
        }
        if (keys.stream().allMatch(k -> k instanceof Binary || k instanceof UUID)) {
            return Optional.of(Comparator.comparingInt((Object k) -> binary(k).getData().length)
                    .thenComparingInt(k -> binary(k).getType())
                    .thenComparing((a, b) -> Arrays.compareUnsigned(binary(a).getData(), binary(b).getData())));
        }
        return Optional.empty();
    }

    private static BigDecimal decimal(Object k) {
        if (k instanceof Decimal128 d) {
            return d.isNaN() || d.isInfinite() ? BigDecimal.ZERO : d.bigDecimalValue();
        }
        if (k instanceof Double || k instanceof Float) {
            double v = ((Number) k).doubleValue();
            return Double.isFinite(v) ? BigDecimal.valueOf(v) : BigDecimal.valueOf(v > 0 ? Double.MAX_VALUE : -Double.MAX_VALUE);
        }
        return BigDecimal.valueOf(((Number) k).longValue());
    }

    private static byte[] utf8(Object s) {
        return ((String) s).getBytes(StandardCharsets.UTF_8);
    }

    private static Binary binary(Object k) {
        if (k instanceof UUID u) {
            byte[] b = new byte[16];
            long hi = u.getMostSignificantBits();
            long lo = u.getLeastSignificantBits();
            for (int i = 0; i < 8; i++) {
                b[i] = (byte) (hi >>> (56 - 8 * i));
                b[8 + i] = (byte) (lo >>> (56 - 8 * i));
            }
            return new Binary((byte) 4, b);
        }
        return (Binary) k;
    }
}
