package dev.ferry.engine.split;

import dev.ferry.store.SourceKeys;
import dev.ferry.store.mongo.KeyBrackets;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a run's key space is cut into partitions, from a sample of keys in the store's order. Keys may mix types,
 * which sort one type bracket after another: partitions are shared out among the brackets by their share of the
 * sample, cut at the sample's quantiles within a bracket and at each bracket's last key, so that no partition spans
 * two brackets that both have partitions of their own (a bracket too small for one joins its neighbour's range).
 */
final class SplitPoints {

    private SplitPoints() {
    }

    /**
     * The upper bounds (inclusive) of partitions 1 to n−1, in key order; partition n runs to the end. Fewer when the
     * sample has fewer distinct keys than partitions.
     *
     * @param sorted sampled keys in the store's order, with each bracket's last key (see SourceReader#sampleKeys)
     */
    static List<Object> cut(List<Object> sorted, int partitions) {
        List<List<Object>> brackets = byBracket(sorted);
        int[] shares = share(brackets, sorted.size(), partitions);
        List<Object> bounds = new ArrayList<>();
        for (int b = 0; b < brackets.size(); b++) {
            List<Object> keys = brackets.get(b);
            for (int j = 1; j <= shares[b]; j++) {
                Object bound = keys.get((int) Math.ceil((double) j * keys.size() / shares[b]) - 1);
                if (bounds.isEmpty() || !same(bounds.get(bounds.size() - 1), bound)) {
                    bounds.add(bound);
                }
            }
        }
        while (bounds.size() >= partitions || (!bounds.isEmpty() && same(bounds.get(bounds.size() - 1),
                sorted.get(sorted.size() - 1)))) {
            bounds.remove(bounds.size() - 1); // the last partition runs to the end
        }
        return bounds;
    }

    private static List<List<Object>> byBracket(List<Object> sorted) {
        List<List<Object>> out = new ArrayList<>();
        int current = -1;
        for (Object key : sorted) {
            int bracket = KeyBrackets.bracketOf(key);
            if (bracket != current) {
                out.add(new ArrayList<>());
                current = bracket;
            }
            out.get(out.size() - 1).add(key);
        }
        return out;
    }

    /** Partitions per bracket in proportion to its share of the sample (largest remainders first). */
    private static int[] share(List<List<Object>> brackets, int total, int partitions) {
        int[] shares = new int[brackets.size()];
        double[] remainders = new double[brackets.size()];
        int given = 0;
        for (int b = 0; b < brackets.size(); b++) {
            double exact = (double) partitions * brackets.get(b).size() / Math.max(1, total);
            shares[b] = (int) Math.floor(exact);
            remainders[b] = exact - shares[b];
            given += shares[b];
        }
        while (given < partitions && brackets.size() > 0) {
            int best = 0;
            for (int b = 1; b < brackets.size(); b++) {
                if (remainders[b] > remainders[best]) {
                    best = b;
                }
            }
            shares[best]++;
            remainders[best] = -1;
            given++;
        }
        for (int b = 0; b < brackets.size(); b++) {
            shares[b] = Math.min(shares[b], brackets.get(b).size());
        }
        return shares;
    }

    private static boolean same(Object a, Object b) {
        return SourceKeys.identity(a).equals(SourceKeys.identity(b));
    }
}
