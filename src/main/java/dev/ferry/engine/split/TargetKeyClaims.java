package dev.ferry.engine.split;

import dev.ferry.plan.FieldRule;
import dev.ferry.plan.Plan;
import dev.ferry.plan.TargetSpec;
import dev.ferry.store.SourceKeys;
import dev.ferry.store.journal.KeyWriter;
import dev.ferry.store.journal.TargetKeys;
import dev.ferry.transform.FieldError;
import dev.ferry.transform.MappedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * A target key is written by one source record per run. Before a batch is written, each record's target keys are
 * checked, in key order, against the keys the run wrote already (in an earlier batch, or by an earlier attempt of a
 * resumed run) and those of the batch's earlier records: a record that maps to a key another record wrote is
 * quarantined naming both, never written over it; the keys of the others are recorded before they are written. A
 * target whose id is the source key itself cannot collide (source keys are unique) and is not checked at all.
 */
final class TargetKeyClaims {

    /** Where the keys of a run are kept: the journal for a run, memory for a dry run. */
    interface Register {
        /** Of these keys of a target, those written already, with the record that wrote each, by key identity. */
        Map<Object, KeyWriter> writtenBy(String target, List<Object> keys);

        void record(String target, List<KeyWriter> writers);
    }

    private final String key;
    /** Other workers of the run (its key ranges) may claim keys at the same moment: read each claim back. */
    private final boolean shared;
    private final List<String> checked;
    private final Register register;
    private final boolean dryRun;

    private TargetKeyClaims(Plan plan, Register register, boolean dryRun, boolean shared) {
        this.shared = shared;
        this.key = plan.source().key();
        this.checked = plan.targets().stream().filter(t -> canCollide(t, plan)).map(TargetSpec::collection).toList();
        this.register = register;
        this.dryRun = dryRun;
    }

    /** The keys a run writes, kept in its journal so that a resumed run still knows them. */
    static TargetKeyClaims inJournal(Plan plan, TargetKeys keys, String runId) {
        return inJournal(plan, keys, runId, false);
    }

    /**
     * The same for one key range of a partitioned run: the journal keeps the first claim of a key (a later claim by
     * another record is not recorded), and each claim is read back, so that of two ranges claiming one key at the
     * same moment only the first writes it.
     */
    static TargetKeyClaims inJournalShared(Plan plan, TargetKeys keys, String runId) {
        return inJournal(plan, keys, runId, true);
    }

    private static TargetKeyClaims inJournal(Plan plan, TargetKeys keys, String runId, boolean shared) {
        return new TargetKeyClaims(plan, new Register() {
            @Override
            public Map<Object, KeyWriter> writtenBy(String target, List<Object> ids) {
                return keys.writtenBy(runId, target, ids);
            }

            @Override
            public void record(String target, List<KeyWriter> writers) {
                keys.record(runId, target, writers);
            }
        }, false, shared);
    }

    /** The keys a dry run would write, in memory (one entry per key of a target that can collide). */
    static TargetKeyClaims inMemory(Plan plan) {
        Map<String, Map<Object, KeyWriter>> seen = new HashMap<>();
        return new TargetKeyClaims(plan, new Register() {
            @Override
            public Map<Object, KeyWriter> writtenBy(String target, List<Object> ids) {
                Map<Object, KeyWriter> all = seen.getOrDefault(target, Map.of());
                Map<Object, KeyWriter> found = new HashMap<>();
                ids.forEach(id -> {
                    KeyWriter w = all.get(SourceKeys.identity(id));
                    if (w != null) {
                        found.put(SourceKeys.identity(id), w);
                    }
                });
                return found;
            }

            @Override
            public void record(String target, List<KeyWriter> writers) {
                Map<Object, KeyWriter> all = seen.computeIfAbsent(target, t -> new HashMap<>());
                writers.forEach(w -> all.put(SourceKeys.identity(w.key()), w));
            }
        }, true, false);
    }

    /** The batch with the records that would write over another record's target key quarantined instead. */
    BatchPipeline.Prepared settle(long batch, BatchPipeline.Prepared prepared) {
        return prepared.refusing(claim(batch, prepared.accepted()), key);
    }

    /**
     * The records of a batch (mapped without errors, in key order) that may not be written, by source key identity,
     * with the reason per target; records the target keys of the others.
     */
    Map<Object, List<FieldError>> claim(long batch, List<MappedRecord> records) {
        Map<Object, List<FieldError>> refused = new LinkedHashMap<>();
        if (checked.isEmpty() || records.isEmpty()) {
            return refused;
        }
        Map<String, Map<Object, KeyWriter>> written = new HashMap<>();
        for (String t : checked) {
            List<Object> ids = new ArrayList<>(records.size());
            records.forEach(m -> {
                Document doc = m.targets().get(t);
                if (doc != null) {
                    ids.add(doc.get("_id"));
                }
            });
            written.put(t, new HashMap<>(register.writtenBy(t, ids)));
        }
        Map<String, List<KeyWriter>> claims = new LinkedHashMap<>();
        checked.forEach(t -> claims.put(t, new ArrayList<>()));
        for (MappedRecord m : records) {
            Object source = SourceKeys.identity(m.sourceKey());
            List<FieldError> errors = new ArrayList<>();
            for (String t : checked) {
                Document doc = m.targets().get(t);
                KeyWriter first = doc == null ? null : written.get(t).get(SourceKeys.identity(doc.get("_id")));
                if (first != null && !SourceKeys.identity(first.sourceKey()).equals(source)) {
                    errors.add(new FieldError(t, "_id", describe(doc.get("_id"), first, batch)));
                }
            }
            if (!errors.isEmpty()) {
                refused.put(source, errors);
                continue;
            }
            for (String t : checked) {
                Document doc = m.targets().get(t);
                if (doc != null) {
                    KeyWriter w = new KeyWriter(doc.get("_id"), m.sourceKey(), batch);
                    if (written.get(t).putIfAbsent(SourceKeys.identity(w.key()), w) == null) {
                        claims.get(t).add(w);
                    }
                }
            }
        }
        claims.forEach(register::record);
        if (shared) {
            refuseClaimsLost(batch, claims, refused);
        }
        return refused;
    }

    /** A claim another range of the run made first: the journal holds that range's record, so this one is refused. */
    private void refuseClaimsLost(long batch, Map<String, List<KeyWriter>> claims, Map<Object, List<FieldError>> refused) {
        claims.forEach((t, mine) -> {
            if (mine.isEmpty()) {
                return;
            }
            Map<Object, KeyWriter> held = register.writtenBy(t, mine.stream().map(KeyWriter::key).toList());
            for (KeyWriter w : mine) {
                KeyWriter holder = held.get(SourceKeys.identity(w.key()));
                Object source = SourceKeys.identity(w.sourceKey());
                if (holder != null && !SourceKeys.identity(holder.sourceKey()).equals(source)) {
                    refused.computeIfAbsent(source, k -> new ArrayList<>())
                            .add(new FieldError(t, "_id", describe(w.key(), holder, batch)));
                }
            }
        });
    }

    private String describe(Object id, KeyWriter first, long batch) {
        String when = first.batch() == batch ? "in this batch" : "in batch " + first.batch() + " of this "
                + (dryRun ? "dry run" : "run");
        return "maps to _id " + SourceKeys.render(id) + ", which the record with " + key + " "
                + SourceKeys.render(first.sourceKey()) + (dryRun ? " would write " : " wrote ") + when
                + ": a target key is written by one source record per run, never over another";
    }

    /**
     * Whether two records may map to one key of this target. Not when its id is the source key as it is (unique):
     * in a collection, or in a table fed by a table (one key column, one type); a collection's mixed key types (an
     * ObjectId and its hex as a string) could meet in a table's key column, so those are checked.
     */
    static boolean canCollide(TargetSpec target, Plan plan) {
        if (target.id() instanceof FieldRule.From from && from.path().equals(plan.source().key())) {
            var o = from.options();
            boolean plain = !o.hasDefault() && o.when() == null && o.convert() == null;
            return !(plain && (!target.isTable() || plan.source().isTable()));
        }
        return true;
    }
}
