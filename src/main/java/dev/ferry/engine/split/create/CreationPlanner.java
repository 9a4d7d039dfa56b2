package dev.ferry.engine.split.create;

import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetOptions;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceReader;
import dev.ferry.store.journal.CreatedObject;
import dev.ferry.store.journal.CreatedObject.Kind;
import dev.ferry.store.mongo.MongoCreation;
import dev.ferry.store.postgres.PostgresDdl;
import dev.ferry.store.postgres.NewTable;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * What a plan's targets ask to be created and is missing now, in the order it is made: the tables and collections
 * ({@code create: true}) in plan order — a fan-out child after its parent — then the indexes each target lists. A
 * table's columns are typed from a sample of the source's first records as the plan maps them ({@link TableDesign}).
 */
final class CreationPlanner {
    /** Source records mapped to type the columns of a table the run creates. */
    static final int SAMPLE = 1000;

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;

    CreationPlanner(PlanStores stores, Plan plan, RecordMapper mapper) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
    }

    CreationPlan plan() {
        List<CreatedObject> objects = new ArrayList<>();
        Map<String, NewTable> tables = new LinkedHashMap<>();
        Map<String, List<Document>> sample = null;
        for (TargetSpec t : plan.targets()) {
            if (!t.options().create() || exists(t)) {
                continue;
            }
            if (t.isTable()) {
                sample = sample == null ? sample() : sample;
                NewTable def = design(t, sample.getOrDefault(t.collection(), List.of()), tables);
                tables.put(t.collection(), def);
                objects.add(new CreatedObject(Kind.TABLE, t.collection(), t.collection(), def.ddl(),
                        CreatedObject.State.CREATING));
            } else {
                objects.add(new CreatedObject(Kind.COLLECTION, t.collection(), t.collection(), "{}",
                        CreatedObject.State.CREATING));
            }
        }
        for (TargetSpec t : plan.targets()) {
            boolean made = tables.containsKey(t.collection()) || objects.stream().anyMatch(o -> o.name()
                    .equals(t.collection()));
            for (TargetOptions.IndexSpec index : t.options().indexes()) {
                CreatedObject o = index(t, index);
                if (made || !new ObjectActions(stores).exists(o)) {
                    objects.add(o);
                }
            }
        }
        return new CreationPlan(objects, tables);
    }

    private CreatedObject index(TargetSpec t, TargetOptions.IndexSpec index) {
        Map<String, Integer> keys = new LinkedHashMap<>();
        index.keys().forEach(k -> keys.put(k.field(), k.direction()));
        if (t.isTable()) {
            String name = index.name() != null ? index.name() : PostgresDdl.defaultIndexName(t.collection(), keys.keySet());
            return new CreatedObject(Kind.TABLE_INDEX, t.collection(), name,
                    PostgresDdl.indexDdl(t.collection(), name, keys, index.unique()), CreatedObject.State.CREATING);
        }
        String name = index.name() != null ? index.name() : MongoCreation.defaultName(keys);
        return new CreatedObject(Kind.COLLECTION_INDEX, t.collection(), name,
                ObjectActions.indexDefinition(keys, index.unique()), CreatedObject.State.CREATING);
    }

    private boolean exists(TargetSpec t) {
        return t.isTable() ? new PostgresDdl(stores.postgres("target", t.collection())).tableExists(t.collection())
                : new MongoCreation(stores.mongo("target", t.collection())).collectionExists(t.collection());
    }

    private NewTable design(TargetSpec t, List<Document> sample, Map<String, NewTable> made) {
        Map<String, String> sourceColumns = plan.source().isTable()
                ? new PostgresDdl(stores.postgres("source", plan.source().collection())).sourceColumns(plan.source())
                : Map.of();
        return new TableDesign(sourceColumns).design(t, sample, parentKey(t, made));
    }

    /** A fan-out table's parent table and its key column, when the parent is a table of one key column. */
    private TableDesign.ParentKey parentKey(TargetSpec t, Map<String, NewTable> made) {
        TargetOptions.FanOut fan = t.options().fanOut();
        if (fan == null || fan.parent() == null) {
            return null;
        }
        TargetSpec parent = plan.targets().stream().filter(p -> p.collection().equals(fan.parent())).findFirst()
                .orElse(null);
        if (parent == null || !parent.isTable()) {
            return null;
        }
        Map<String, String> key = new LinkedHashMap<>();
        NewTable def = made.get(parent.collection());
        if (def != null) {
            def.columns().stream().filter(c -> def.primaryKey().contains(c.name()))
                    .forEach(c -> key.put(c.name(), c.type()));
        } else {
            key.putAll(new PostgresDdl(stores.postgres("target", parent.collection())).primaryKey(parent.collection()));
        }
        if (key.size() != 1) {
            return null;
        }
        Map.Entry<String, String> k = key.entrySet().iterator().next();
        return new TableDesign.ParentKey(parent.collection(), k.getKey(), k.getValue());
    }

    /** The documents the plan makes of the source's first records, per target. */
    private Map<String, List<Document>> sample() {
        Map<String, List<Document>> out = new LinkedHashMap<>();
        try (SourceReader reader = stores.reader(plan, null, SAMPLE)) {
            for (Document source : reader.next()) {
                MappedRecord mapped = mapper.mapSafely(source, reader.key());
                if (mapped.ok()) {
                    mapped.documents().forEach((t, docs) -> out.computeIfAbsent(t, k -> new ArrayList<>()).addAll(docs));
                }
            }
        }
        return out;
    }

    /** @param tables the definitions of the tables to create, by target */
    record CreationPlan(List<CreatedObject> objects, Map<String, NewTable> tables) { }
}
