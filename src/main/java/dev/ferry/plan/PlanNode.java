package dev.ferry.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * A parsed plan file as a small tree that remembers where each node stood, so that binding it to the
 * plan records can say where every error is. Built by {@link PlanTreeReader}.
 */
sealed interface PlanNode {

    int line();

    int column();

    /** "a string", "a number", … for "expected a number, got a string". */
    String kind();

    /** The plain value: scalars as parsed, maps as (nested) {@link Document}s, lists as {@link List}s. */
    Object toJava();

    record Scalar(Object value, int line, int column) implements PlanNode {
        @Override
        public String kind() {
            if (value == null) {
                return "null";
            }
            if (value instanceof Boolean) {
                return "a boolean";
            }
            return value instanceof Number ? "a number" : "a string";
        }

        @Override
        public Object toJava() {
            return value;
        }
    }

    /** A key of a map, with its own location (where "unknown key" errors point). */
    record Entry(String key, int line, int column, PlanNode value) { }

    record MapNode(List<Entry> entries, int line, int column) implements PlanNode {
        public Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String kind() {
            return "a map";
        }

        @Override
        public Document toJava() {
            Document doc = new Document();
            entries.forEach(e -> doc.put(e.key(), e.value().toJava()));
            return doc;
        }
    }

    record ListNode(List<PlanNode> items, int line, int column) implements PlanNode {
        @Override
        public String kind() {
            return "a list";
        }

        @Override
        public List<Object> toJava() {
            List<Object> list = new ArrayList<>();
            items.forEach(i -> list.add(i.toJava()));
            return list;
        }
    }
}
