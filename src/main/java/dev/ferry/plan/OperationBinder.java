package dev.ferry.plan;

import dev.ferry.expr.ClosestName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;

/** Binds one operation of a migration file ({@code - add_field: {…}}) to its {@link OperationSpec}s. */
final class OperationBinder {

    private final PlanProblems problems;

    OperationBinder(PlanProblems problems) {
        this.problems = problems;
    }

    /** Usually one spec; {@code add_field} with {@code fields:} gives one per field. */
    List<OperationSpec> bind(PlanNode node, String path) {
        if (!(node instanceof PlanNode.MapNode map) || map.entries().size() != 1) {
            problems.at(node, path, "an operation is a map with one key, its kind ("
                    + String.join(", ", OperationSpec.KINDS.keySet().stream().sorted().toList()) + "), got "
                    + (node instanceof PlanNode.MapNode m ? m.entries().size() + " keys" : node.kind()));
            return List.of();
        }
        PlanNode.Entry entry = map.entries().get(0);
        String opPath = path + "." + entry.key();
        if (!OperationSpec.KINDS.containsKey(entry.key())) {
            problems.at(entry, opPath, "unknown operation '" + entry.key() + "'"
                    + ClosestName.hint(entry.key(), OperationSpec.KINDS.keySet()));
            return List.of();
        }
        if (!(entry.value() instanceof PlanNode.MapNode body)) {
            problems.at(entry.value(), opPath, "expected a map, got " + entry.value().kind());
            return List.of();
        }
        MapNodeReader r = new MapNodeReader(body, opPath, problems);
        List<OperationSpec> specs = switch (entry.key()) {
            case "add_field" -> addField(r, body, opPath, entry.line());
            case "create_index" -> createIndex(r, body, opPath, entry.line());
            case "backfill_link" -> backfillLink(r, body, opPath, entry.line());
            default -> command(body, opPath, entry.line());
        };
        if (!entry.key().equals("command")) {
            r.rejectUnknownKeys();
        }
        return specs;
    }

    private List<OperationSpec> addField(MapNodeReader r, PlanNode.MapNode body, String path, int line) {
        Optional<String> collection = collection(r, body, path);
        Optional<String> field = r.string("field", false);
        Object value = r.node("default", false).map(PlanNode::toJava).orElse(null);
        Optional<PlanNode.MapNode> fields = r.map("fields", false);
        if (field.isPresent() == fields.isPresent()) {
            problems.at(body, path, "give either 'field' (with 'default') or 'fields' (field: default, …)");
            return List.of();
        }
        if (fields.isPresent() && body.entry("default").isPresent()) {
            problems.at(body.entry("default").get(), path + ".default", "with 'fields', give each field's default"
                    + " in the map: fields: { name: default }");
        }
        List<OperationSpec> specs = new ArrayList<>();
        if (field.isPresent()) {
            fieldName(field.get(), body.entry("field").orElseThrow(), path + ".field");
            collection.ifPresent(c -> specs.add(new OperationSpec.AddField(c, field.get(), value, line)));
        } else {
            for (PlanNode.Entry f : fields.get().entries()) {
                fieldName(f.key(), f, path + ".fields." + f.key());
                collection.ifPresent(c -> specs.add(new OperationSpec.AddField(c, f.key(), f.value().toJava(),
                        f.line())));
            }
        }
        return specs;
    }

    private List<OperationSpec> createIndex(MapNodeReader r, PlanNode.MapNode body, String path, int line) {
        Optional<String> collection = collection(r, body, path);
        Optional<PlanNode.MapNode> keys = r.map("keys", true);
        String name = r.string("name", false).orElse(null);
        boolean unique = r.bool("unique").orElse(false);
        Document keyDoc = new Document();
        keys.ifPresent(k -> {
            if (k.entries().isEmpty()) {
                problems.at(k, path + ".keys", "an index needs at least one key, e.g. keys: { user_id: 1 }");
            }
            for (PlanNode.Entry e : k.entries()) {
                Object dir = e.value().toJava();
                if (dir instanceof Number n && (n.doubleValue() == 1 || n.doubleValue() == -1)) {
                    keyDoc.put(e.key(), n.intValue());
                } else {
                    problems.at(e.value(), path + ".keys." + e.key(), "expected 1 (ascending) or -1 (descending),"
                            + " got " + e.value().kind() + (dir == null ? "" : " " + dir));
                }
            }
        });
        return collection.filter(c -> !keyDoc.isEmpty())
                .map(c -> List.<OperationSpec>of(new OperationSpec.CreateIndex(c, keyDoc, name, unique, line)))
                .orElse(List.of());
    }

    private List<OperationSpec> backfillLink(MapNodeReader r, PlanNode.MapNode body, String path, int line) {
        Optional<String> collection = collection(r, body, path);
        Optional<String> field = r.string("field", true);
        Optional<String> from = r.string("from", true);
        Optional<PlanNode.MapNode> match = r.map("match", true);
        Optional<String> value = r.string("value", true);
        Document filter = r.map("filter", false).map(PlanNode.MapNode::toJava).orElse(new Document());
        boolean onlyMissing = r.bool("only_missing").orElse(true);
        field.ifPresent(f -> fieldName(f, body.entry("field").orElseThrow(), path + ".field"));
        Optional<Map.Entry<String, String>> on = match.flatMap(m -> {
            if (m.entries().size() != 1 || !(m.entries().get(0).value() instanceof PlanNode.Scalar s)
                    || !(s.value() instanceof String local)) {
                problems.at(m, path + ".match", "expected one pair <field in '" + from.orElse("from") + "'>:"
                        + " <field here>, e.g. match: { phone: phone }");
                return Optional.empty();
            }
            return Optional.of(Map.entry(m.entries().get(0).key(), local));
        });
        if (collection.isEmpty() || field.isEmpty() || from.isEmpty() || on.isEmpty() || value.isEmpty()) {
            return List.of();
        }
        return List.of(new OperationSpec.BackfillLink(collection.get(), field.get(), from.get(), on.get().getKey(),
                on.get().getValue(), value.get(), filter, onlyMissing, line));
    }

    private List<OperationSpec> command(PlanNode.MapNode body, String path, int line) {
        if (body.entries().isEmpty()) {
            problems.at(body, path, "a command needs at least its name, e.g. { collMod: orders, … }");
            return List.of();
        }
        return List.of(new OperationSpec.Command(body.toJava(), line));
    }

    private Optional<String> collection(MapNodeReader r, PlanNode.MapNode body, String path) {
        Optional<String> collection = r.string("collection", true);
        if (collection.isPresent() && collection.get().startsWith(PlanBinder.JOURNAL_PREFIX)) {
            problems.at(body.entry("collection").orElseThrow().value(), path + ".collection", "'" + collection.get()
                    + "' is a name Ferry keeps for its journal (ferry_*); a migration cannot change it");
            return Optional.empty();
        }
        return collection;
    }

    private void fieldName(String name, PlanNode.Entry at, String path) {
        if (name.isBlank() || name.equals("_id") || name.startsWith("$") || name.contains("..")) {
            problems.at(at, path, "'" + name + "' cannot be added or linked: choose a field other than _id,"
                    + " not starting with $");
        }
    }
}
