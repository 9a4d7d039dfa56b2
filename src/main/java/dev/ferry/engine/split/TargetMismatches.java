package dev.ferry.engine.split;

import dev.ferry.engine.FieldDifference;
import dev.ferry.engine.RepairReport.Problem;
import dev.ferry.engine.split.stores.PlanStores;
import dev.ferry.engine.split.validate.DocumentDiff;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.SourceReader;
import dev.ferry.store.TargetWriter;
import dev.ferry.transform.MappedRecord;
import dev.ferry.transform.RecordMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * Every source record, re-mapped and compared with what each target holds for it, in either store (through the
 * targets' writers, in the form validation compares): the targets that are missing or differ. Streams the source in
 * batches; only mismatches are kept, at most {@link #LIMIT} of them.
 */
final class TargetMismatches {

    /** More mismatches than this is a run to roll back, not to repair record by record. */
    static final int LIMIT = 100_000;
    private static final int BATCH = 1000;

    /**
     * One target of one source record that does not hold what the plan makes of the record.
     *
     * @param expected the document the plan makes (null when the record maps with errors)
     */
    record Mismatch(Object sourceKey, Document source, String target, Object targetId, Problem problem, String detail,
                    Document expected) {
    }

    /** @param checked source records compared; {@code unmatchedKeys} asked-for keys no source record has */
    record Found(long checked, List<Mismatch> mismatches, Set<String> unmatchedKeys) {
    }

    private final PlanStores stores;
    private final Plan plan;
    private final RecordMapper mapper;

    TargetMismatches(PlanStores stores, Plan plan, RecordMapper mapper) {
        this.stores = stores;
        this.plan = plan;
        this.mapper = mapper;
    }

    /**
     * @param keys        only these source keys, as the checks print them; every record when empty
     * @param quarantined the identities of the keys the run quarantined: expected absent from the targets
     */
    Found find(Set<String> keys, Set<Object> quarantined, PlanStores.Writers writers) {
        List<Mismatch> out = new ArrayList<>();
        Set<String> unmatched = new LinkedHashSet<>(keys);
        long checked = 0;
        String key = plan.source().key();
        try (SourceReader reader = stores.reader(plan, null, BATCH)) {
            List<Document> batch;
            while (!(batch = reader.next()).isEmpty()) {
                Map<Object, MappedRecord> wanted = new LinkedHashMap<>();
                Map<Object, Document> sources = new LinkedHashMap<>();
                for (Document source : batch) {
                    Object k = SourceKeys.valueAt(source, key);
                    String rendered = SourceKeys.render(k);
                    if (!keys.isEmpty() && !keys.contains(rendered)) {
                        continue;
                    }
                    unmatched.remove(rendered);
                    checked++;
                    if (quarantined.contains(SourceKeys.identity(k))) {
                        continue;
                    }
                    MappedRecord mapped = mapper.mapSafely(source, key);
                    List<String> errors = errors(mapped, writers);
                    if (!errors.isEmpty()) {
                        out.add(new Mismatch(k, source, "", null, Problem.MAPS_WITH_ERRORS, String.join("; ", errors),
                                null));
                        continue;
                    }
                    wanted.put(SourceKeys.identity(k), mapped);
                    sources.put(SourceKeys.identity(k), source);
                }
                for (TargetSpec t : plan.targets()) {
                    compare(writers.get(t.collection()), wanted, sources, out);
                }
                if (out.size() > LIMIT) {
                    throw new dev.ferry.FerryException("More than " + LIMIT + " targets of " + plan.name()
                            + " are missing or differ: that is a run to roll back (ferry rollback) and run again, not"
                            + " to repair record by record. Or repair some by key (--key).");
                }
            }
        }
        return new Found(checked, out, unmatched);
    }

    /** Why the record cannot be written: its mapping's errors, or values a table target refuses (as a run has it). */
    private List<String> errors(MappedRecord mapped, PlanStores.Writers writers) {
        List<String> errors = new ArrayList<>(mapped.errors().stream().map(Object::toString).toList());
        if (errors.isEmpty()) {
            for (TargetSpec t : plan.targets()) {
                Document doc = mapped.targets().get(t.collection());
                if (doc != null && t.isTable()) {
                    errors.addAll(writers.get(t.collection()).refusals(doc));
                }
            }
        }
        return errors;
    }

    private void compare(TargetWriter writer, Map<Object, MappedRecord> wanted, Map<Object, Document> sources,
                         List<Mismatch> out) {
        List<Object> ids = new ArrayList<>();
        wanted.values().forEach(m -> {
            Document doc = m.targets().get(writer.name());
            if (doc != null) {
                ids.add(doc.get("_id"));
            }
        });
        if (ids.isEmpty()) {
            return;
        }
        Map<Object, Document> stored = writer.stored(ids);
        wanted.forEach((identity, mapped) -> {
            Document doc = mapped.targets().get(writer.name());
            if (doc == null) {
                return;
            }
            Object id = doc.get("_id");
            Document have = stored.get(SourceKeys.identity(id));
            Document want = writer.comparable(doc);
            Object k = mapped.sourceKey();
            if (have == null) {
                out.add(new Mismatch(k, sources.get(identity), writer.name(), id, Problem.MISSING, "no document with"
                        + " _id " + SourceKeys.render(id), doc));
            } else if (!have.equals(want)) {
                List<FieldDifference> diff = DocumentDiff.between(want, have);
                out.add(new Mismatch(k, sources.get(identity), writer.name(), id, Problem.DIFFERS, diff.isEmpty()
                        ? "content differs" : diff.get(0).describe() + (diff.size() > 1 ? " (+" + (diff.size() - 1)
                        + " more)" : ""), doc));
            }
        });
    }
}
