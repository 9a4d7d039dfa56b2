package dev.ferry.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds one target: its collection or table, its {@code id} and {@code fields}, and what it asks for beyond them —
 * fan-out ({@code each}, {@code parent}), {@code create}, {@code key} and {@code indexes} ({@link TargetIndexes}).
 */
final class TargetBinder {
    /** Collections Ferry keeps for itself (runs, undo log, quarantine, leases): never a plan's target. */
    static final String JOURNAL_PREFIX = "ferry_";

    private final PlanProblems problems;
    private final FieldsBinder fields;
    private final String sourceCollection;
    private final Map<String, PlanNode> seen = new HashMap<>();

    /** @param sourceCollection {@code STORE:name} of the source, which no target may be */
    TargetBinder(PlanProblems problems, FieldsBinder fields, String sourceCollection) {
        this.problems = problems;
        this.fields = fields;
        this.sourceCollection = sourceCollection;
    }

    /**
     * @param earlier the targets bound before this one (a fan-out's parent is one of them)
     * @param names   every target name seen, bound or not, for the checks that name one
     */
    Optional<TargetSpec> bind(PlanNode item, String path, List<TargetSpec> earlier, List<String> names) {
        if (!(item instanceof PlanNode.MapNode map)) {
            problems.at(item, path, "expected a map with collection, id and fields, got " + item.kind());
            return Optional.empty();
        }
        int before = problems.count();
        MapNodeReader target = new MapNodeReader(map, path, problems);
        Optional<PlanBinder.StoreName> named = PlanBinder.storeName(problems, target, map, path);
        Optional<String> collection = named.map(PlanBinder.StoreName::name);
        boolean table = named.filter(n -> n.store() == StoreKind.POSTGRES).isPresent();
        String nameKey = table ? "table" : "collection";
        collection.ifPresent(names::add);
        Optional<String> each = target.string("each", false);
        Optional<FieldRule> id = each.isPresent() ? Optional.empty()
                : target.node("id", true).flatMap(n -> fields.rules().bind(n, path + ".id", false));
        if (each.isPresent() && target.node("id", false).isPresent()) {
            problems.at(map.entry("id").orElseThrow(), path + ".id", "a fan-out target's id is its parent's key and"
                    + " the element's position (named by key:); leave id out");
        }
        Optional<Map<String, FieldRule>> rules = target.map("fields", true)
                .flatMap(f -> fields.bind(f, path + ".fields", each.isPresent(), true));
        boolean create = target.bool("create").orElse(false);
        List<String> key = target.node("key", false).map(k -> key(k, path, each.isPresent(), table))
                .orElse(List.of());
        String parent = target.string("parent", false).flatMap(p -> parent(p, map, path, each.isPresent(), earlier))
                .orElse(null);
        List<TargetOptions.IndexSpec> indexes = target.list("indexes", false)
                .map(l -> new TargetIndexes(problems).bind(l, path + ".indexes")).orElse(List.of());
        target.rejectUnknownKeys();
        if (each.isPresent()) {
            keyFields(map, path, key.isEmpty() ? TargetOptions.DEFAULT_FAN_OUT_KEY : key);
        }
        boolean createUnclear = map.entry("create").isPresent() && !(map.entry("create").get().value()
                instanceof PlanNode.Scalar s && s.value() instanceof Boolean);
        if (!createUnclear) { // a create: that is not a boolean is reported; its types are judged once it is
            types(map, path, table && create);
        }
        collection.ifPresent(c -> names(c, map, path, nameKey, named.get().store()));
        if (table && problems.count() == before) {
            indexColumns(map, path, indexes, rules.orElse(Map.of()), key.isEmpty()
                    ? (each.isPresent() ? TargetOptions.DEFAULT_FAN_OUT_KEY : List.of(TargetOptions.DEFAULT_KEY)) : key);
        }
        if (problems.count() > before || collection.isEmpty() || rules.isEmpty() || (each.isEmpty() && id.isEmpty())) {
            return Optional.empty();
        }
        TargetOptions options = new TargetOptions(each.map(e -> new TargetOptions.FanOut(e, parent)).orElse(null),
                create, key, indexes);
        return Optional.of(new TargetSpec(collection.get(), id.orElse(null), rules.get(), named.get().store(),
                options));
    }

    /** One column name for a table's primary key; two for a fan-out target: the parent's key, then the position. */
    private List<String> key(PlanNode node, String path, boolean fanOut, boolean table) {
        List<PlanNode> items = node instanceof PlanNode.ListNode list ? list.items() : List.of(node);
        List<String> out = new ArrayList<>();
        for (PlanNode item : items) {
            if (item instanceof PlanNode.Scalar s && s.value() instanceof String name && !name.isBlank()
                    && !name.contains(".") && !name.startsWith("$")) {
                out.add(name);
            } else {
                problems.at(item, path + ".key", "expected a field or column name, got " + item.kind());
            }
        }
        int wanted = fanOut ? 2 : 1;
        if (!fanOut && !table) {
            problems.at(node, path + ".key", "a collection's key is _id, set by the id rule: key names a table's"
                    + " primary key column, or a fan-out target's [parent key, position]");
        } else if (out.size() == items.size() && out.size() != wanted) {
            problems.at(node, path + ".key", fanOut ? "a fan-out target's key has two names: the parent's key, then"
                    + " the element's position, e.g. [listing_id, position]" : "key names the one primary key column"
                    + " that receives the target's id");
        } else if (fanOut && out.size() == 2 && out.get(0).equals(out.get(1))) {
            problems.at(node, path + ".key", "the parent's key and the position need two different names");
        }
        return out;
    }

    private Optional<String> parent(String parent, PlanNode.MapNode map, String path, boolean fanOut,
                                    List<TargetSpec> earlier) {
        PlanNode at = map.entry("parent").orElseThrow().value();
        if (!fanOut) {
            problems.at(at, path + ".parent", "parent is for a fan-out target (each: …): the target whose id its"
                    + " records carry");
            return Optional.empty();
        }
        Optional<TargetSpec> found = earlier.stream().filter(t -> t.collection().equals(parent)).findFirst();
        if (found.isEmpty()) {
            problems.at(at, path + ".parent", "'" + parent + "' is not a target listed before this one"
                    + dev.ferry.expr.ClosestName.hint(parent, earlier.stream().map(TargetSpec::collection).toList())
                    + ": a parent is written first, so it comes first");
            return Optional.empty();
        }
        if (found.get().fansOut()) {
            problems.at(at, path + ".parent", "'" + parent + "' fans out itself: a parent has one record per source"
                    + " record");
            return Optional.empty();
        }
        return Optional.of(parent);
    }

    /** A fan-out record's key fields are set from its parent and position; a rule of the same name would clash. */
    private void keyFields(PlanNode.MapNode map, String path, List<String> key) {
        if (map.entry("fields").map(PlanNode.Entry::value).orElse(null) instanceof PlanNode.MapNode fieldsNode) {
            fieldsNode.entries().stream().filter(f -> key.contains(f.key())).forEach(f -> problems.at(f,
                    path + ".fields." + f.key(), "'" + f.key() + "' is this fan-out target's key (the parent's key"
                    + " and the element's position are set by Ferry): rename the field, or name the key otherwise"
                    + " with key: [parent, position]"));
        }
    }

    /** A table's index names columns: the key's and the top-level fields' (a dotted field fills a jsonb column). */
    private void indexColumns(PlanNode.MapNode map, String path, List<TargetOptions.IndexSpec> indexes,
                              Map<String, FieldRule> rules, List<String> key) {
        List<String> columns = new ArrayList<>(key);
        rules.keySet().forEach(f -> columns.add(f.contains(".") ? f.substring(0, f.indexOf('.')) : f));
        PlanNode at = map.entry("indexes").map(PlanNode.Entry::value).orElse(null);
        for (int i = 0; i < indexes.size(); i++) {
            for (TargetOptions.IndexKey k : indexes.get(i).keys()) {
                if (!columns.contains(k.field())) {
                    PlanNode where = at instanceof PlanNode.ListNode list ? list.items().get(i) : at;
                    problems.at(where, path + ".indexes[" + i + "]", "'" + k.field() + "' is not a column of this"
                            + " table" + dev.ferry.expr.ClosestName.hint(k.field(), columns) + ": a table's index names"
                            + " its key or top-level fields");
                }
            }
        }
    }

    /** {@code type} on a field sets the column of a table the run creates; anywhere else it would be ignored. */
    private void types(PlanNode.MapNode map, String path, boolean createdTable) {
        if (createdTable || !(map.entry("fields").map(PlanNode.Entry::value).orElse(null)
                instanceof PlanNode.MapNode fieldsNode)) {
            return;
        }
        for (PlanNode.Entry field : fieldsNode.entries()) {
            if (field.value() instanceof PlanNode.MapNode rule && rule.entry("type").isPresent()) {
                problems.at(rule.entry("type").orElseThrow(), path + ".fields." + field.key(), "type sets the"
                        + " column of a table the run creates: give the target create: true (and a table), or"
                        + " leave type out");
            }
        }
    }

    private void names(String c, PlanNode.MapNode map, String path, String nameKey, StoreKind store) {
        PlanNode at = map.entry(nameKey).orElseThrow().value();
        if (c.startsWith(JOURNAL_PREFIX)) {
            problems.at(at, path + "." + nameKey, "'" + c + "' is a name Ferry keeps for its journal ("
                    + JOURNAL_PREFIX + "*); choose another target " + nameKey);
        }
        if ((store + ":" + c).equals(sourceCollection)) {
            problems.at(at, path + "." + nameKey, "target '" + c + "' is the plan's source: a run would read what"
                    + " it writes; write to another " + nameKey);
        }
        if (seen.putIfAbsent(c, map) != null) {
            problems.at(at, path + "." + nameKey, "target '" + c + "' is given twice (first at line "
                    + seen.get(c).line() + ")");
        }
    }
}
